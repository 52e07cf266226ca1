import type { LedgerEntryList, LedgerOverview, ReceiptList } from '../../../../src/contracts/ledger.schema';
import { ApiError, apiRequest, apiUrl, readError } from '../../api/client';
import i18n from '../../i18n';

export const fetchLedgerOverview = () => apiRequest<LedgerOverview>('GET', '/ledger/overview');

export const fetchApplicationEntries = (applicationId: string) =>
  apiRequest<LedgerEntryList>('GET', `/ledger/applications/${encodeURIComponent(applicationId)}/entries`);

export const fetchReceipts = () => apiRequest<ReceiptList>('GET', '/ledger/receipts');

/** A C2SP tlog-proof of one entry: the leaf, its inclusion proof and the (cosigned) checkpoint. */
export const tlogProofUrl = (index: number) => apiUrl(`/ledger/entries/${index}/tlog-proof`);
export const tlogProofFilename = (index: number) => `mianqian-${index}.tlog-proof`;

/** The zip of everything recorded for one application, with the proofs that tie it to the log. */
export const evidencePackageUrl = (applicationId: string) =>
  apiUrl(`/applications/${encodeURIComponent(applicationId)}/evidence`);
export const evidencePackageFilename = (reference: string) => `evidence-${reference}.zip`;

/** The log's verifier key, served outside /api so that verifiers find it at a stable address. */
export const verifierKeyUrl = '/ledger/vkey';

/**
 * Downloads a file the API serves only to the logged-in user. A plain link would do for a GET, but
 * fetching first lets an error answer (401/403/404) be shown instead of being saved as the file.
 */
export async function downloadFile(url: string, filename: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: 'same-origin',
      headers: { 'Accept-Language': i18n.language },
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK_ERROR', e instanceof Error ? e.message : String(e));
  }
  if (!response.ok) throw await readError(response);
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a little later: some browsers start reading the blob only after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
