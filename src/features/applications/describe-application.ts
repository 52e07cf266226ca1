import { applicantNameOf, findMissingFields } from '../../core/application/application';
import { nextStatuses } from '../../core/application/lifecycle';
import { findProduct } from '../../core/screening/policy';
import type { ApplicationSummary, ApplicationView } from '../../contracts/applications.schema';
import type { ApplicationListItem, ApplicationRecord } from './application-store.port';
import type { ApplicationsDeps } from './applications-deps';

/** The full view of one application: details, screening, documents and history, read in parallel. */
export async function describeApplication({
  deps,
  record,
  createdBy,
}: {
  deps: Pick<ApplicationsDeps, 'applications' | 'policy'>;
  record: ApplicationRecord;
  /** Set for a draft created by this very request: no documents yet and one event, so nothing is read back. */
  createdBy?: { role: string; displayName: string };
}): Promise<ApplicationView> {
  const [screening, documents, events] = createdBy
    ? [
        undefined,
        [],
        [
          {
            seq: 1,
            fromStatus: null,
            toStatus: 'draft' as const,
            actorAccountId: record.borrowerAccountId,
            actorRole: createdBy.role,
            actorName: createdBy.displayName,
            reason: null,
            at: record.createdAt,
          },
        ],
      ]
    : await Promise.all([
        record.status === 'draft' ? undefined : deps.applications.latestScreening(record.id),
        deps.applications.documents(record.id),
        deps.applications.history(record.id),
      ]);
  const product = findProduct({ policy: deps.policy, code: record.productCode });
  return {
    id: record.id,
    reference: record.reference,
    kind: record.kind,
    status: record.status,
    version: record.version,
    productCode: record.productCode,
    amount: record.details.loan.amount ?? null,
    termMonths: record.details.loan.termMonths ?? null,
    details: record.details as ApplicationView['details'],
    applicantName: applicantNameOf(record),
    borrowerAccountId: record.borrowerAccountId,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    submittedAt: record.submittedAt?.toISOString() ?? null,
    screening: screening
      ? {
          decision: screening.decision,
          policyVersion: screening.policyVersion,
          results: screening.results,
          screenedAt: screening.screenedAt.toISOString(),
        }
      : null,
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind as ApplicationView['documents'][number]['kind'],
      filename: d.filename,
      contentType: d.contentType,
      sizeBytes: d.sizeBytes,
      sha256: d.sha256,
      uploadedAt: d.uploadedAt.toISOString(),
    })),
    events: events.map((e) => ({
      seq: e.seq,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorRole: e.actorRole as ApplicationView['events'][number]['actorRole'],
      actorName: e.actorName,
      reason: e.reason,
      at: e.at.toISOString(),
    })),
    borrowerNextStatuses: nextStatuses({ from: record.status, actor: 'borrower' }),
    missingFields:
      record.status === 'draft'
        ? findMissingFields({
            kind: record.kind,
            details: record.details,
            isProjectFinance: product?.isProjectFinance ?? false,
          })
        : [],
  };
}

/** One line of a list or the work queue. */
export function summariseApplication(item: ApplicationListItem): ApplicationSummary {
  return {
    ...item,
    submittedAt: item.submittedAt?.toISOString() ?? null,
    updatedAt: item.updatedAt.toISOString(),
  };
}
