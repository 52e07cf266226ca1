import { isBorrower, type Actor } from '../../core/accounts/roles';
import type { ApplicationStatus } from '../../core/application/lifecycle';
import {
  loanYears,
  summarizeCollateral,
  type CollateralSummary,
} from '../../core/collateral/collateral-summary';
import { AppError } from '../../core/errors';
import { findProduct } from '../../core/screening/policy';
import type { CollateralView } from '../../contracts/collateral.schema';
import { chinaDate, type CollateralApplication, type CollateralDeps } from './collateral-deps';
import type { CollateralItemWithValuations, ValuationRecord } from './collateral-store.port';

/** Collateral changes while the application is worked on: under review … approved (not after disbursement, nor in a terminal state). */
export const OPEN_FOR_COLLATERAL: readonly ApplicationStatus[] = [
  'under_review',
  'identity_verified',
  'interview_scheduled',
  'interviewed',
  'risk_control',
  'approved',
];

/**
 * The application if `actor` may see its collateral: its own borrower, or a caseworker (the routes
 * admit only those). Anyone else, and staff asking about a draft, get APPLICATION_NOT_FOUND.
 */
export async function collateralApplication({
  deps,
  actor,
  applicationId,
}: {
  deps: CollateralDeps;
  actor: Actor;
  applicationId: string;
}): Promise<CollateralApplication> {
  const app = await deps.applications.find(applicationId);
  if (!app) throw new AppError('APPLICATION_NOT_FOUND');
  if (isBorrower(actor.role) ? app.borrowerAccountId !== actor.accountId : app.status === 'draft')
    throw new AppError('APPLICATION_NOT_FOUND');
  return app;
}

/** Refuses a change unless the application is under review … approved. */
export function assertEditable(app: CollateralApplication): void {
  if (!OPEN_FOR_COLLATERAL.includes(app.status))
    throw new AppError('COLLATERAL_NOT_EDITABLE', undefined, { status: app.status });
}

export const isProjectFinance = (deps: Pick<CollateralDeps, 'screeningPolicy'>, productCode: string) =>
  findProduct({ policy: deps.screeningPolicy, code: productCode })?.isProjectFinance === true;

/** The summary of an application's collateral for a loan amount (`amount` overrides the terms' amount). */
export async function collateralSummaryOf({
  deps,
  app,
  amount,
}: {
  deps: CollateralDeps;
  app: CollateralApplication;
  amount?: string | undefined;
}): Promise<{
  items: CollateralItemWithValuations[];
  projection: string[] | undefined;
  terms: Awaited<ReturnType<CollateralDeps['applications']['loanTerms']>>;
  summary: CollateralSummary<ValuationRecord>;
}> {
  const projectFinance = isProjectFinance(deps, app.productCode);
  const [items, projection, loanTerms] = await Promise.all([
    deps.store.itemsOf(app.id),
    projectFinance ? deps.store.projectionOf(app.id) : Promise.resolve(undefined),
    deps.applications.loanTerms(app),
  ]);
  const terms = loanTerms && amount !== undefined ? { ...loanTerms, amount } : loanTerms;
  const summary = summarizeCollateral({
    policy: deps.policy,
    productCode: app.productCode,
    isProjectFinance: projectFinance,
    terms,
    items,
    cashFlows: projection?.amounts,
    today: chinaDate(deps.clock()),
  });
  return { items, projection: projection?.amounts, terms, summary };
}

/** An application's collateral for the caller: items with their valuation history, the summary, the blockers. */
export async function loadCollateral({
  deps,
  actor,
  applicationId,
}: {
  deps: CollateralDeps;
  actor: Actor;
  applicationId: string;
}): Promise<CollateralView> {
  const app = await collateralApplication({ deps, actor, applicationId });
  const { items, projection, terms, summary } = await collateralSummaryOf({ deps, app });
  return {
    applicationId: app.id,
    productCode: app.productCode,
    policyVersion: summary.policyVersion,
    requirement: summary.requirement,
    isProjectFinance: summary.isProjectFinance,
    editable: OPEN_FOR_COLLATERAL.includes(app.status) && !isBorrower(actor.role),
    limits: { ...summary.limits, haircuts: { ...deps.policy.haircuts } },
    loan: terms
      ? {
          amount: terms.amount,
          annualRate: terms.annualRate,
          termMonths: terms.termMonths,
          repaymentMethod: terms.method,
        }
      : null,
    items: items.map((item, index) => {
      const s = summary.items[index]!;
      return {
        id: item.id,
        type: item.type,
        description: item.description,
        location: item.location,
        ownerName: item.ownerName,
        registeredAt: item.registeredAt.toISOString(),
        haircut: s.haircut,
        currentValue: s.current?.appraisedValue ?? null,
        lendableValue: s.lendableValue,
        valuationDate: s.current?.valuationDate ?? null,
        isStale: s.isStale,
        valuations: [...item.valuations].reverse().map((v) => ({
          id: v.id,
          seq: v.seq,
          appraisedValue: v.appraisedValue,
          valuationDate: v.valuationDate,
          method: v.method,
          appraiser: v.appraiser,
          documentIds: [...v.documentIds],
          recordedBy: v.recordedBy,
          recordedByRole: v.recordedByRole,
          recordedAt: v.recordedAt.toISOString(),
          isCurrent: s.current?.id === v.id,
        })),
      };
    }),
    summary: {
      totalAppraised: summary.totalAppraised,
      totalLendable: summary.totalLendable,
      ltv: summary.ltv,
      coverage: summary.coverage,
    },
    projection: summary.isProjectFinance ? (projection ?? null) : null,
    dscr: summary.dscr,
    projectionYears: summary.isProjectFinance && terms ? loanYears(terms.termMonths) : null,
    blockers: summary.blockers.map((b) => ({ ...b, ...(b.details ? { details: { ...b.details } } : {}) })),
  };
}
