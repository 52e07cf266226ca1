import type {
  ContractView,
  ContractVerificationView,
  PrepareContractBody,
  SealAuthorisationView,
  SignContractBody,
} from '../../../../src/contracts/loan-contracts.schema';
import { apiRequest, apiUrl, readError, ApiError } from '../../api/client';
import i18n from '../../i18n';

/** Which PDF: the unsigned contract everyone reads, or the newest revision with the signatures so far. */
export type ContractRevision = 'original' | 'latest';

/** Contracts where the caller is a signer (borrower or guarantor). */
export const fetchMyContracts = () => apiRequest<{ items: ContractView[] }>('GET', '/contracts');

export const fetchContract = (id: string) => apiRequest<ContractView>('GET', `/contracts/${id}`);

export const contractDocumentUrl = (id: string, revision: ContractRevision) =>
  apiUrl(`/contracts/${id}/document`, { revision });

export const contractVerificationUrl = (id: string) => apiUrl(`/contracts/${id}/verification`);

/** The PDF's bytes, fetched with the session cookie; an error answer is thrown as an ApiError. */
export async function fetchContractDocument(id: string, revision: ContractRevision): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(contractDocumentUrl(id, revision), {
      credentials: 'same-origin',
      headers: { Accept: 'application/pdf', 'Accept-Language': i18n.language },
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK_ERROR', e instanceof Error ? e.message : String(e));
  }
  if (!response.ok) throw await readError(response);
  return response.arrayBuffer();
}

/** Records that the caller has had `page` on screen. */
export const markPageRead = (id: string, page: number) =>
  apiRequest<ContractView>('POST', `/contracts/${id}/pages/${page}/read`);

/** Signs (needs every page read, the caller's turn, the same content hash and a recent second factor). */
export const signContract = (id: string, body: SignContractBody) =>
  apiRequest<ContractView>('POST', `/contracts/${id}/sign`, { json: body });

export const fetchVerification = (id: string) =>
  apiRequest<ContractVerificationView>('GET', `/contracts/${id}/verification`);

/** Staff: the application's contract; answers 404 `CONTRACT_NOT_FOUND` before it is prepared. */
export const fetchApplicationContract = (applicationId: string) =>
  apiRequest<ContractView>('GET', `/staff/applications/${applicationId}/contract`);

export const prepareContract = (applicationId: string, body: PrepareContractBody) =>
  apiRequest<ContractView>('POST', `/staff/applications/${applicationId}/contract`, { json: body });

/** Approvers: the bank's seal, when every person has signed (step-up). */
export const applySeal = (contractId: string) =>
  apiRequest<ContractView>('POST', `/staff/contracts/${contractId}/seal`);

export const fetchSealAuthorisations = () =>
  apiRequest<{ items: SealAuthorisationView[] }>('GET', '/admin/seal-authorisations');

export const grantSealAuthorisation = (body: { maxAmount: string; reason: string; validDays: number }) =>
  apiRequest<SealAuthorisationView>('POST', '/admin/seal-authorisations', { json: body });

export const revokeSealAuthorisation = (id: string, reason: string) =>
  apiRequest<SealAuthorisationView>('POST', `/admin/seal-authorisations/${id}/revoke`, { json: { reason } });
