import type {
  AcceptGuaranteeBody,
  GuarantorInvitationView,
  GuarantorListView,
  InviteGuarantorBody,
  MyGuaranteesView,
} from '../../../../src/contracts/guarantors.schema';
import { apiRequest } from '../../api/client';

/** The borrower's own application's guarantors, or (staff) any application's. */
const base = (applicationId: string, isStaff: boolean) =>
  `${isStaff ? '/staff' : ''}/applications/${applicationId}/guarantors`;

export const fetchGuarantors = (applicationId: string, isStaff: boolean) =>
  apiRequest<GuarantorListView>('GET', base(applicationId, isStaff));

export const inviteGuarantor = (applicationId: string, isStaff: boolean, body: InviteGuarantorBody) =>
  apiRequest<GuarantorInvitationView>('POST', base(applicationId, isStaff), { json: body });

export const withdrawGuarantor = (applicationId: string, isStaff: boolean, invitationId: string) =>
  apiRequest<GuarantorInvitationView>('POST', `${base(applicationId, isStaff)}/${invitationId}/withdraw`);

export const fetchMyGuarantees = () => apiRequest<MyGuaranteesView>('GET', '/guarantees');

export const acceptGuarantee = (invitationId: string, body: AcceptGuaranteeBody) =>
  apiRequest<{ id: string; status: string }>('POST', `/guarantees/${invitationId}/accept`, { json: body });

export const declineGuarantee = (invitationId: string, reason: string) =>
  apiRequest<{ id: string; status: string }>('POST', `/guarantees/${invitationId}/decline`, {
    json: { reason },
  });
