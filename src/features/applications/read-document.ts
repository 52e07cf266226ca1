import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { DocumentRecord } from './application-store.port';
import type { ApplicationsDeps } from './applications-deps';
import { loadApplication } from './load-application';

/** A document's bytes for its borrower or a caseworker; the stored hash is checked on the way out. */
export async function readDocument({
  deps,
  actor,
  applicationId,
  documentId,
}: {
  deps: ApplicationsDeps;
  actor: Actor;
  applicationId: string;
  documentId: string;
}): Promise<{ document: DocumentRecord; bytes: Buffer }> {
  await loadApplication({ deps, actor, id: applicationId });
  const document = await deps.applications.findDocument({ applicationId, documentId });
  if (!document) throw new AppError('DOCUMENT_NOT_FOUND');
  // The retention job empties the key when it deletes the file (features/privacy).
  if (document.blobKey === '') throw new AppError('DOCUMENT_ERASED');
  const bytes = await deps.blobs.get(document.blobKey);
  if (!bytes) throw new AppError('INTERNAL_ERROR', 'The document’s file is missing from the blob store');
  return { document, bytes };
}
