import { createHash } from 'node:crypto';
import type { Actor } from '../../core/accounts/roles';
import type { CollateralType, ValuationMethod } from '../../core/collateral/collateral-policy';
import { loanYears } from '../../core/collateral/collateral-summary';
import { AppError } from '../../core/errors';
import type { Capture } from '../../core/ledger/evidence/capture';
import { isCalendarDate } from '../../core/loan/calendar-date';
import { formatYuan } from '../../core/money/money';
import { chinaDate, type CollateralDeps } from './collateral-deps';
import type { CollateralItemRecord, ValuationRecord } from './collateral-store.port';
import { assertEditable, collateralApplication, isProjectFinance } from './collateral-view';

/** Staff who change collateral. */
export const collateralEditors = ['loan_officer', 'risk_officer'] as const;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function assertEditor(actor: Actor): void {
  if (!(collateralEditors as readonly string[]).includes(actor.role)) throw new AppError('FORBIDDEN');
}

/**
 * Staff register a collateral item (登记押品) on an application under review … approved. The ledger
 * attests it with hashes only (the description, location and owner as SHA-256 in the record).
 */
export async function registerCollateralItem({
  deps,
  actor,
  capture,
  applicationId,
  input,
}: {
  deps: CollateralDeps;
  actor: Actor;
  capture?: Capture | undefined;
  applicationId: string;
  input: { type: CollateralType; description: string; location?: string | undefined; ownerName: string };
}): Promise<CollateralItemRecord> {
  assertEditor(actor);
  const app = await collateralApplication({ deps, actor, applicationId });
  assertEditable(app);
  const at = deps.clock();
  const id = deps.newId();
  const location = input.location?.trim() ? input.location.trim() : null;
  const evidence = await deps.evidence.prepare({
    type: 'collateral',
    applicationId,
    actor,
    capture,
    at,
    record: {
      kind: 'collateral.registered',
      collateralId: id,
      applicationId,
      type: input.type,
      descriptionSha256: sha256(input.description),
      locationSha256: location === null ? null : sha256(location),
      ownerNameSha256: sha256(input.ownerName),
      at: at.toISOString(),
    },
  });
  const item: CollateralItemRecord = {
    id,
    applicationId,
    type: input.type,
    description: input.description.trim(),
    location,
    ownerName: input.ownerName.trim(),
    registeredBy: actor.accountId,
    registeredByRole: actor.role,
    registeredAt: at,
    leafHash: evidence.leafHash.toString('hex'),
  };
  await deps.store.addItem({ item, evidence });
  deps.evidence.sequence();
  return item;
}

/**
 * Staff record a (re)valuation (评估/重估) of an item: appraised value, date (not in the future),
 * appraiser, method, and the valuation report among the application's uploaded documents. Earlier
 * valuations stay as history; the latest is current. Attested on the ledger with the documents' SHA-256.
 */
export async function recordValuation({
  deps,
  actor,
  capture,
  applicationId,
  collateralId,
  input,
}: {
  deps: CollateralDeps;
  actor: Actor;
  capture?: Capture | undefined;
  applicationId: string;
  collateralId: string;
  input: {
    appraisedValue: string;
    valuationDate: string;
    appraiser: string;
    method: ValuationMethod;
    documentIds: string[];
  };
}): Promise<ValuationRecord> {
  assertEditor(actor);
  const app = await collateralApplication({ deps, actor, applicationId });
  assertEditable(app);
  const item = await deps.store.findItem({ applicationId, collateralId });
  if (!item) throw new AppError('COLLATERAL_NOT_FOUND');
  const at = deps.clock();
  if (!isCalendarDate(input.valuationDate))
    throw new AppError('COLLATERAL_VALUATION_INVALID', 'valuationDate: not a real date', {
      field: 'valuationDate',
    });
  if (input.valuationDate > chinaDate(at))
    throw new AppError(
      'COLLATERAL_VALUATION_INVALID',
      'valuationDate: a valuation cannot be dated in the future',
      {
        field: 'valuationDate',
      },
    );
  const documents = [];
  for (const documentId of input.documentIds) {
    const doc = await deps.applications.findDocument({ applicationId, documentId });
    if (!doc) throw new AppError('COLLATERAL_DOCUMENT_NOT_FOUND', undefined, { documentId });
    documents.push({ id: doc.id, sha256: doc.sha256 });
  }
  const id = deps.newId();
  const appraisedValue = formatYuan(input.appraisedValue);
  const evidence = await deps.evidence.prepare({
    type: 'collateral',
    applicationId,
    actor,
    capture,
    at,
    record: {
      kind: 'collateral.valued',
      collateralId,
      valuationId: id,
      applicationId,
      appraisedValue,
      valuationDate: input.valuationDate,
      method: input.method,
      appraiserSha256: sha256(input.appraiser),
      documents,
      policyVersion: deps.policy.version,
      at: at.toISOString(),
    },
  });
  const valuation = await deps.store.addValuation({
    valuation: {
      id,
      collateralId,
      appraisedValue,
      valuationDate: input.valuationDate,
      method: input.method,
      appraiser: input.appraiser.trim(),
      documentIds: [...input.documentIds],
      recordedBy: actor.accountId,
      recordedByRole: actor.role,
      recordedAt: at,
      leafHash: evidence.leafHash.toString('hex'),
    },
    evidence,
  });
  deps.evidence.sequence();
  return valuation;
}

/**
 * Project financing: staff set the projected cash flow available for debt service of each loan year
 * (one amount per year, ceil(term / 12) of them), replacing any earlier projection. Attested on the ledger.
 */
export async function setCashFlowProjection({
  deps,
  actor,
  capture,
  applicationId,
  annualCashFlows,
}: {
  deps: CollateralDeps;
  actor: Actor;
  capture?: Capture | undefined;
  applicationId: string;
  annualCashFlows: string[];
}): Promise<string[]> {
  assertEditor(actor);
  const app = await collateralApplication({ deps, actor, applicationId });
  assertEditable(app);
  if (!isProjectFinance(deps, app.productCode)) throw new AppError('COLLATERAL_PROJECTION_NOT_APPLICABLE');
  const terms = await deps.applications.loanTerms(app);
  const years = terms ? loanYears(terms.termMonths) : null;
  if (years === null || annualCashFlows.length !== years)
    throw new AppError(
      'COLLATERAL_PROJECTION_INVALID',
      years === null
        ? 'The application has no loan term yet'
        : `The projection needs ${years} annual amounts (one per loan year), not ${annualCashFlows.length}`,
      { years },
    );
  const amounts = annualCashFlows.map((a) => formatYuan(a)).map((a) => (a === '-0.00' ? '0.00' : a));
  const at = deps.clock();
  const evidence = await deps.evidence.prepare({
    type: 'collateral',
    applicationId,
    actor,
    capture,
    at,
    record: {
      kind: 'collateral.cash_flow_projection',
      applicationId,
      annualCashFlows: amounts,
      at: at.toISOString(),
    },
  });
  await deps.store.setProjection({
    projection: {
      applicationId,
      amounts,
      setBy: actor.accountId,
      setAt: at,
      leafHash: evidence.leafHash.toString('hex'),
    },
    evidence,
  });
  deps.evidence.sequence();
  return amounts;
}
