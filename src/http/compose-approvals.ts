import { randomUUID } from 'node:crypto';
import type { Config } from '../config';
import { isBorrower } from '../core/accounts/roles';
import { currentApprovalMatrix } from '../core/approval/authority-matrix';
import { currentRiskPolicy } from '../core/risk/decision-policy';
import { currentScreeningPolicy } from '../core/screening/policy';
import type { ApplicationsDeps } from '../features/applications/applications-deps';
import {
  combineApprovalBlockers,
  type ApprovalApplications,
  type ApprovalsDeps,
} from '../features/approvals/approvals-deps';
import { collateralApprovalBlockers } from './compose-collateral';
import { guarantorApprovalBlockers } from './compose-guarantors';
import type { LedgerDeps } from '../features/ledger/ledger-deps';
import { prepareEvidence } from '../features/ledger/prepare-evidence';
import type { Infrastructure } from '../infra/open-infrastructure';
import { composeApplicationsDeps, composeLedgerDeps, nudgeSequencer } from './compose-deps';
import { moveApplication } from './move-application';

/**
 * What approvals need of loan applications, built on the applications store: the application, its
 * interviewer from the event history, and moving it out of risk_control when its case concludes
 * (with its event and evidence in one transaction; idempotent, retried on a concurrent change).
 */
export function approvalApplications(deps: ApplicationsDeps): ApprovalApplications {
  return {
    async find(id) {
      const app = await deps.applications.findById(id);
      return (
        app && {
          id: app.id,
          kind: app.kind,
          status: app.status,
          productCode: app.productCode,
          borrowerAccountId: app.borrowerAccountId,
          amount: app.details.loan.amount,
          termMonths: app.details.loan.termMonths,
          repaymentMethod: app.details.loan.repaymentMethod,
        }
      );
    },
    async interviewerOf(id) {
      const history = await deps.applications.history(id);
      const interviewed = history
        .filter((e) => e.toStatus === 'interviewed' && e.actorAccountId !== null)
        .at(-1);
      return interviewed?.actorAccountId ?? null;
    },
    async conclude({ applicationId, caseId, to, actor, reason, capture, terms }) {
      await moveApplication(deps, {
        applicationId,
        to,
        as: isBorrower(actor.role) ? 'borrower' : 'staff',
        actor,
        reason,
        from: ['risk_control'],
        capture,
        record: {
          approvalCase: caseId,
          ...(terms
            ? {
                terms: {
                  amount: terms.amount,
                  nominalAnnualRate: terms.nominalAnnualRate,
                  termMonths: terms.termMonths,
                  repaymentMethod: terms.repaymentMethod,
                },
              }
            : {}),
        },
      });
    },
  };
}

/**
 * Approvals' dependencies: the approval store, the applications they move on, the latest risk
 * assessment, the ledger, the authority matrix and the policies in force.
 */
export function composeApprovalsDeps({
  infra,
  config,
  clock = () => new Date(),
  ledger = composeLedgerDeps({ infra, config, clock }),
  applications = composeApplicationsDeps({ infra, config, clock, ledger }),
}: {
  infra: Infrastructure;
  config: Config;
  clock?: () => Date;
  ledger?: LedgerDeps;
  applications?: ApplicationsDeps;
}): ApprovalsDeps {
  return {
    blockers: combineApprovalBlockers([
      collateralApprovalBlockers({ infra }),
      guarantorApprovalBlockers({ infra }),
    ]),
    store: infra.approvals.store,
    applications: approvalApplications(applications),
    risk: {
      async latestOf(applicationId) {
        const a = await infra.risk.store.latestOf(applicationId);
        return (
          a && {
            id: a.id,
            policyVersion: a.policyVersion,
            grade: a.grade,
            recommendedAnnualRate: a.recommendedAnnualRate,
            recommendedLimit: a.recommendedLimit,
          }
        );
      },
    },
    evidence: {
      prepare: (input) => prepareEvidence(ledger, input),
      sequence: nudgeSequencer(ledger),
    },
    matrix: currentApprovalMatrix,
    screeningPolicy: currentScreeningPolicy,
    riskPolicy: currentRiskPolicy,
    clock,
    newId: randomUUID,
  };
}
