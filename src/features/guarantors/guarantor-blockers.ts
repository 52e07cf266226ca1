import { guarantorBlockers } from '../../core/guarantors/guarantee';
import type { GuarantorStore } from './guarantor-store.port';

/** What the application's guarantors say about approving it (see core/guarantors). */
export async function guarantorApprovalBlockersOf(
  store: Pick<GuarantorStore, 'listByApplication'>,
  applicationId: string,
): Promise<{ source: 'guarantors'; code: string; message: string; details: { invitationId: string } }[]> {
  const invitations = await store.listByApplication(applicationId);
  return guarantorBlockers(invitations).map((b) => ({
    source: 'guarantors' as const,
    code: b.code,
    message: b.message,
    details: { invitationId: b.invitationId },
  }));
}

/** The accepted guarantors of an application, for its contract: their accounts and mobiles. */
export async function acceptedGuarantorsOf(
  store: Pick<GuarantorStore, 'listByApplication'>,
  applicationId: string,
): Promise<{ accountId: string; mobile: string }[]> {
  const invitations = await store.listByApplication(applicationId);
  return invitations
    .filter((r) => r.status === 'accepted' && r.guarantorAccountId !== null)
    .map((r) => ({ accountId: r.guarantorAccountId!, mobile: r.mobile }));
}
