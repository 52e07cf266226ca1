import type { CompiledScorecard } from '../../core/risk/score-applicant';

/**
 * The risk models in service, compiled (each refused at load if it reads a protected input): the
 * trained retail scorecard for individuals, the expert scorecard for enterprises and project finance.
 */
export interface ScorecardRegistry {
  /** The model that scores this kind of application, or undefined when none is loaded. */
  modelFor(kind: 'individual' | 'enterprise'): CompiledScorecard | undefined;
  /** Every loaded model, for monitoring. */
  all(): readonly CompiledScorecard[];
}
