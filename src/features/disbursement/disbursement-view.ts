import type { DisbursementView } from '../../contracts/disbursement.schema';
import type { DisbursementRecord } from './disbursement-store.port';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** A disbursement as the API shows it. */
export function viewDisbursement(d: DisbursementRecord): DisbursementView {
  return {
    id: d.id,
    applicationId: d.applicationId,
    contractId: d.contractId,
    amount: d.amount,
    currency: d.currency,
    status: d.status,
    endToEndId: d.endToEndId,
    requestedBy: d.requestedBy,
    requestedAt: d.requestedAt.toISOString(),
    sentAt: iso(d.sentAt),
    settledAt: iso(d.settledAt),
    failedAt: iso(d.failedAt),
    failureReason: d.failureReason,
    gatewayReference: d.gatewayReference,
  };
}
