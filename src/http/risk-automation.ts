import type { FastifyBaseLogger } from 'fastify';
import type { ApplicationStore } from '../features/applications/application-store.port';
import type { IdentityApplications } from '../features/identity/identity-deps';
import { assessApplicationRisk } from '../features/risk/assess-application-risk';
import type { RiskDeps } from '../features/risk/risk-deps';

/** Risk assessments the system starts on its own, after the step that makes them possible has committed. */
export interface RiskAutomation {
  /** Assesses the applications in the background, as the system; a failure is logged, never thrown. */
  assessLater(applicationIds: readonly string[]): void;
  /** Resolves when every assessment started so far has ended (tests; shutdown). */
  idle(): Promise<void>;
}

export function createRiskAutomation({
  deps,
  log,
}: {
  deps: RiskDeps;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
}): RiskAutomation {
  const running = new Set<Promise<void>>();
  return {
    assessLater(applicationIds) {
      for (const applicationId of applicationIds) {
        const run = assessApplicationRisk({ deps, actor: { accountId: null, role: 'system' }, applicationId })
          .then(({ assessment }) =>
            log.info({ applicationId, grade: assessment.grade }, 'automatic risk assessment stored'),
          )
          .catch((err: unknown) => log.warn({ err, applicationId }, 'automatic risk assessment failed'))
          .finally(() => running.delete(run));
        running.add(run);
      }
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

/**
 * The application store, with enterprise applications assessed right after their submission commits
 * with screening passed (the expert scorecard needs nothing but the application).
 */
export function assessingEnterprisesAfterScreening(
  store: ApplicationStore,
  automation: RiskAutomation,
): ApplicationStore {
  return {
    ...store,
    async transition(input) {
      const updated = await store.transition(input);
      if (updated && input.isSubmission && updated.status === 'under_review' && updated.kind === 'enterprise')
        automation.assessLater([updated.id]);
      return updated;
    },
  };
}

/**
 * Identity verification's view of applications, with individual applications assessed once the
 * borrower's identity is verified (the credit-inquiry consent is given on the way).
 */
export function assessingIndividualsAfterVerification(
  applications: IdentityApplications,
  automation: RiskAutomation,
): IdentityApplications {
  return {
    ...applications,
    async promoteVerified(input) {
      const moved = await applications.promoteVerified(input);
      automation.assessLater(moved);
      return moved;
    },
  };
}
