import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '../../core/accounts/roles';
import type { ApplicationStatus } from '../../core/application/lifecycle';
import { inspectUpload } from '../../core/documents/inspect-upload';
import { AppError } from '../../core/errors';
import type { DocumentRecord } from './application-store.port';
import type { ApplicationsDeps } from './applications-deps';
import type { Capture } from '../../core/ledger/evidence/capture';
import { loadApplication } from './load-application';

/** Documents can be added until risk control ends; after that the file is closed. */
const OPEN_FOR_DOCUMENTS: readonly ApplicationStatus[] = [
  'draft',
  'under_review',
  'identity_verified',
  'interview_scheduled',
  'interviewed',
  'risk_control',
];

/**
 * The borrower uploads a document (financial statements, licences, ID copies …). The type must match
 * the content, the SHA-256 of the bytes is recorded, and the bytes go to the blob store encrypted.
 */
export async function uploadDocument({
  deps,
  actor,
  applicationId,
  kind,
  filename,
  declaredType,
  bytes,
  capture,
}: {
  deps: ApplicationsDeps;
  actor: Actor;
  applicationId: string;
  kind: string;
  filename: string;
  declaredType: string;
  bytes: Buffer;
  capture?: Capture | undefined;
}): Promise<DocumentRecord> {
  const app = await loadApplication({ deps, actor, id: applicationId });
  if (app.borrowerAccountId !== actor.accountId)
    throw new AppError('FORBIDDEN', 'Only the borrower uploads documents');
  if (!OPEN_FOR_DOCUMENTS.includes(app.status))
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `No documents can be added to an application that is ${app.status}`,
      { from: app.status },
    );
  if (bytes.length > deps.settings.maxUploadBytes)
    throw new AppError('DOCUMENT_TOO_LARGE', undefined, { maxBytes: deps.settings.maxUploadBytes });
  const inspection = inspectUpload({ bytes, declaredType, filename });
  if (!inspection.ok)
    throw new AppError('DOCUMENT_TYPE_NOT_ALLOWED', inspection.message, { problem: inspection.problem });

  const blobKey = await deps.blobs.put(bytes);
  const doc: DocumentRecord = {
    id: randomUUID(),
    applicationId,
    kind,
    filename: inspection.filename,
    contentType: inspection.contentType,
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    blobKey,
    uploadedBy: actor.accountId,
    uploadedAt: deps.clock(),
  };
  const evidence = await deps.evidence.prepare({
    type: 'document.upload',
    applicationId,
    actor: { accountId: actor.accountId, role: actor.role },
    capture,
    record: {
      kind: 'document.upload',
      applicationId,
      documentId: doc.id,
      documentKind: kind,
      contentType: doc.contentType,
      sizeBytes: doc.sizeBytes,
      sha256: doc.sha256,
      at: doc.uploadedAt.toISOString(),
    },
    at: doc.uploadedAt,
  });
  await deps.applications.addDocument(doc, evidence);
  deps.evidence.sequence();
  return doc;
}
