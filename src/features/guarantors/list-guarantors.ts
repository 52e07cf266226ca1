import type { Actor } from '../../core/accounts/roles';
import { isInvitable, type InviterSide } from '../../core/guarantors/guarantee';
import type { GuarantorsDeps } from './guarantors-deps';
import { viewGuarantee, viewInvitation } from './guarantor-views';
import { loadForInviter, mayInvite } from './load-for-inviter';

/** The guarantors of an application, as its borrower or a caseworker sees them (mobiles masked). */
export async function listGuarantors({
  deps,
  actor,
  side,
  applicationId,
}: {
  deps: GuarantorsDeps;
  actor: Actor;
  side: InviterSide;
  applicationId: string;
}) {
  const app = await loadForInviter({ deps, actor, side, applicationId });
  const invitations = await deps.store.listByApplication(app.id);
  return {
    applicationId: app.id,
    canInvite: mayInvite(actor, side) && isInvitable(app.status),
    invitations: invitations.map((r) => viewInvitation(r, app, mayInvite(actor, side))),
  };
}

/**
 * The guarantees the caller was invited to give (addressed to their own account's mobile), with each
 * loan's summary and the consent text to read, and where their identity verification stands.
 */
export async function listMyGuarantees({ deps, actor }: { deps: GuarantorsDeps; actor: Actor }) {
  const identity = await deps.people.identityOf(actor.accountId);
  const mine = actor.role === 'borrower_individual' ? await deps.store.listForAccount(actor.accountId) : [];
  const guarantees = [];
  for (const r of mine) {
    const app = await deps.applications.find(r.applicationId);
    if (app) guarantees.push(viewGuarantee(r, app, identity));
  }
  return { identity, verifyPath: '/verify', guarantees };
}
