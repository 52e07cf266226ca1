import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../core/errors';
import { enterpriseExpertScorecard } from '../../core/risk/enterprise-scorecard';
import { platformProtectedInputs } from '../../core/risk/protected-inputs';
import { compileScorecard, type CompiledScorecard } from '../../core/risk/score-applicant';
import { scorecardFormat, type ScorecardModel } from '../../core/risk/scorecard-model';
import type { ScorecardRegistry } from '../../features/risk/scorecard-registry.port';

/** Where trained model artifacts live: `models/` at the repository root. */
export const defaultModelsDir = fileURLToPath(new URL('../../../models/', import.meta.url));

/** The model that scores individuals unless told otherwise (written by `mianqian train`). */
export const retailModelId = 'retail-taiwan';

/** Refuses (RISK_MODEL_INVALID) anything that is not a scorecard artifact in our format. */
export function parseScorecardModel(json: string, source: string): ScorecardModel {
  let m: Partial<ScorecardModel>;
  try {
    m = JSON.parse(json) as Partial<ScorecardModel>;
  } catch {
    throw new AppError('RISK_MODEL_INVALID', `${source} is not JSON`);
  }
  const problems: string[] = [];
  if (m.format !== scorecardFormat) problems.push(`format is not ${scorecardFormat}`);
  if (typeof m.id !== 'string' || typeof m.version !== 'string') problems.push('no id or version');
  if (m.kind !== 'trained' && m.kind !== 'expert') problems.push('kind is neither trained nor expert');
  if (!Array.isArray(m.characteristics) || m.characteristics.length === 0)
    problems.push('no characteristics');
  if (!m.scaling || !(m.scaling.pdo > 0) || !(m.scaling.baseOdds > 0)) problems.push('no valid scaling');
  if (!Array.isArray(m.protectedInputs)) problems.push('no protectedInputs list');
  if (problems.length)
    throw new AppError('RISK_MODEL_INVALID', `${source}: ${problems.join('; ')}`, { problems });
  return m as ScorecardModel;
}

/**
 * Compiles a model under the platform's protected list: a model that reads a protected
 * characteristic (sex, marital status, age …) throws RISK_MODEL_INVALID and is never served.
 */
export function compileServedModel(model: ScorecardModel): CompiledScorecard {
  return compileScorecard({ model, protectedInputs: platformProtectedInputs });
}

/** Reads and compiles every `*.json` artifact in `dir` (none when the directory does not exist). */
export function loadScorecardModels({ dir = defaultModelsDir }: { dir?: string } = {}): CompiledScorecard[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => compileServedModel(parseScorecardModel(readFileSync(join(dir, f), 'utf8'), f)));
}

/**
 * The registry the app serves from: the trained models found on disk plus the expert enterprise
 * scorecard (code, always present). Individuals are scored by `individualModelId`, enterprises by
 * `enterpriseModelId`.
 */
export function createScorecardRegistry({
  models,
  individualModelId = retailModelId,
  enterpriseModelId = enterpriseExpertScorecard.id,
}: {
  models: readonly CompiledScorecard[];
  individualModelId?: string;
  enterpriseModelId?: string;
}): ScorecardRegistry {
  const all = [...models];
  if (!all.some((m) => m.model.id === enterpriseExpertScorecard.id))
    all.push(compileServedModel(enterpriseExpertScorecard));
  const byId = (id: string) => all.find((m) => m.model.id === id);
  return {
    modelFor: (kind) => byId(kind === 'individual' ? individualModelId : enterpriseModelId),
    all: () => all,
  };
}
