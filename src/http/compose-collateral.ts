import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { currentCollateralPolicy } from '../core/collateral/collateral-policy';
import { currentScreeningPolicy, findProduct } from '../core/screening/policy';
import type { ApprovalBlockers } from '../features/approvals/approvals-deps';
import { collateralBlockersOf } from '../features/collateral/collateral-blockers';
import type {
  CollateralApplications,
  CollateralDeps,
  CollateralEvidence,
} from '../features/collateral/collateral-deps';
import { collateralRoutes } from '../features/collateral/collateral.routes';
import type { LedgerDeps } from '../features/ledger/ledger-deps';
import { prepareEvidence } from '../features/ledger/prepare-evidence';
import { createDbCollateralStore } from '../infra/collateral/db-collateral-store';
import type { Infrastructure } from '../infra/open-infrastructure';
import { nudgeSequencer, type CapabilityOptions } from './compose-deps';

/**
 * What collateral needs of applications, on the applications, approvals and risk stores: the
 * application, its documents, and the loan as it stands (the approval case's current terms, else the
 * application's terms at the latest risk assessment's rate, else the product's reference rate).
 */
export function collateralApplications(infra: Infrastructure): CollateralApplications {
  return {
    async find(id) {
      const app = await infra.applications.findById(id);
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
    async findDocument(input) {
      const doc = await infra.applications.findDocument(input);
      return doc && { id: doc.id, sha256: doc.sha256 };
    },
    async loanTerms(app) {
      const approval = await infra.approvals.store.latestOf(app.id);
      if (approval) {
        const t = approval.currentTerms;
        return {
          amount: t.amount,
          annualRate: t.nominalAnnualRate,
          termMonths: t.termMonths,
          method: t.repaymentMethod,
        };
      }
      if (!app.amount || !app.termMonths || !app.repaymentMethod) return undefined;
      const assessment = await infra.risk.store.latestOf(app.id);
      const product = findProduct({ policy: currentScreeningPolicy, code: app.productCode });
      const annualRate = assessment?.recommendedAnnualRate ?? product?.referenceAnnualRate;
      if (annualRate === undefined) return undefined;
      return { amount: app.amount, annualRate, termMonths: app.termMonths, method: app.repaymentMethod };
    },
  };
}

/** Reading collateral needs no ledger: evidence is refused (blockers only read). */
const noEvidence: CollateralEvidence = {
  prepare: () => Promise.reject(new Error('collateral blockers write no evidence')),
  sequence: () => {},
};

/** Collateral's dependencies: its store on the database (with the personal-data cipher), applications, the ledger, the policies. */
export function composeCollateralDeps({
  infra,
  clock = () => new Date(),
  ledger,
}: {
  infra: Infrastructure;
  clock?: () => Date;
  ledger?: LedgerDeps | undefined;
}): CollateralDeps {
  return {
    store: createDbCollateralStore({ db: infra.database.db, cipher: infra.cipher }),
    applications: collateralApplications(infra),
    evidence: ledger
      ? { prepare: (input) => prepareEvidence(ledger, input), sequence: nudgeSequencer(ledger) }
      : noEvidence,
    policy: currentCollateralPolicy,
    screeningPolicy: currentScreeningPolicy,
    clock,
    newId: randomUUID,
  };
}

/** What collateral says about approving an application (LTV over the limit, no valuation …). */
export function collateralApprovalBlockers({ infra }: { infra: Infrastructure }): ApprovalBlockers {
  const deps = composeCollateralDeps({ infra });
  return { of: ({ applicationId, amount }) => collateralBlockersOf({ deps, applicationId, amount }) };
}

/** Registers the collateral routes on this app. */
export async function registerCollateral(app: FastifyInstance, options: CapabilityOptions): Promise<void> {
  const deps = composeCollateralDeps({ infra: options.infra, clock: options.clock, ledger: options.ledger });
  await app.register(collateralRoutes, { deps });
}
