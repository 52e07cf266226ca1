import { randomUUID } from 'node:crypto';
import type { Config } from '../config';
import { isBorrower } from '../core/accounts/roles';
import { canTransition } from '../core/application/lifecycle';
import { currentApprovalMatrix } from '../core/approval/authority-matrix';
import { currentRiskPolicy } from '../core/risk/decision-policy';
import { currentScreeningPolicy } from '../core/screening/policy';
import type { NewEvent } from '../features/applications/application-store.port';
import type { ApplicationsDeps } from '../features/applications/applications-deps';
import { eventEvidence } from '../features/applications/event-evidence';
import type { ApprovalApplications, ApprovalsDeps } from '../features/approvals/approvals-deps';
import type { LedgerDeps } from '../features/ledger/ledger-deps';
import { prepareEvidence } from '../features/ledger/prepare-evidence';
import { sequenceQueuedEvidence } from '../features/ledger/sequence-queued-evidence';
import { createDbApprovalStore } from '../infra/approvals/db-approval-store';
import type { Infrastructure } from '../infra/open-infrastructure';
import { composeApplicationsDeps, composeLedgerDeps } from './compose-deps';

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
      const who = isBorrower(actor.role) ? 'borrower' : 'staff';
      for (let attempt = 0; attempt < 3; attempt++) {
        const app = await deps.applications.findById(applicationId);
        if (!app || app.status !== 'risk_control' || !canTransition({ from: app.status, to, actor: who }))
          return;
        const events: NewEvent[] = [
          {
            fromStatus: app.status,
            toStatus: to,
            actorAccountId: actor.accountId,
            actorRole: actor.role,
            reason,
          },
        ];
        const updated = await deps.applications.transition({
          id: app.id,
          expectedVersion: app.version,
          status: to,
          events,
          evidence: await eventEvidence(deps, {
            applicationId: app.id,
            events,
            capture,
            extra: [
              {
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
            ],
          }),
        });
        if (updated) {
          deps.evidence.sequence();
          return;
        }
      }
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
    store: createDbApprovalStore({ db: infra.database.db, cipher: infra.cipher }),
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
      sequence: () => void sequenceQueuedEvidence(ledger).catch(() => {}),
    },
    matrix: currentApprovalMatrix,
    screeningPolicy: currentScreeningPolicy,
    riskPolicy: currentRiskPolicy,
    clock,
    newId: randomUUID,
  };
}
