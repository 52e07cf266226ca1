import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import {
  checkGuarantorMove,
  guaranteeConsent,
  matchConsent,
  sha256Hex,
} from '../../core/guarantors/guarantee';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { GuarantorApplication, GuarantorsDeps } from './guarantors-deps';
import type { GuarantorInvitationChanges, GuarantorInvitationRecord } from './guarantor-store.port';
import { termsOf } from './guarantor-views';

/** The invitation if it is addressed to the caller's own mobile; anyone else gets not found. */
async function loadMine(deps: GuarantorsDeps, actor: Actor, invitationId: string) {
  const mine = await deps.store.listForAccount(actor.accountId);
  const invitation = mine.find((r) => r.id === invitationId);
  const app = invitation && (await deps.applications.find(invitation.applicationId));
  if (!invitation || !app) throw new AppError('GUARANTOR_INVITATION_NOT_FOUND');
  return { invitation, app };
}

async function change(
  deps: GuarantorsDeps,
  input: {
    actor: Actor;
    capture: Capture | undefined;
    invitation: GuarantorInvitationRecord;
    app: GuarantorApplication;
    changes: GuarantorInvitationChanges;
    record: Record<string, string | number | null>;
    at: Date;
  },
): Promise<GuarantorInvitationRecord> {
  const evidence = await deps.evidence.prepare({
    type: 'guarantee',
    applicationId: input.app.id,
    actor: input.actor,
    capture: input.capture,
    at: input.at,
    record: {
      ...input.record,
      invitationId: input.invitation.id,
      applicationId: input.app.id,
      at: input.at.toISOString(),
    },
  });
  const updated = await deps.store.update({
    id: input.invitation.id,
    expectedVersion: input.invitation.version,
    changes: input.changes,
    evidence,
  });
  if (!updated)
    throw new AppError('GUARANTOR_INVITATION_CLOSED', 'The invitation changed meanwhile; reload it');
  deps.evidence.sequence();
  return updated;
}

function assertMove(
  invitation: GuarantorInvitationRecord,
  app: GuarantorApplication,
  move: 'accept' | 'decline',
): void {
  const check = checkGuarantorMove({
    from: invitation.status,
    move,
    by: 'guarantor',
    applicationStatus: app.status,
  });
  if (!check.allowed)
    throw new AppError('GUARANTOR_INVITATION_CLOSED', undefined, {
      status: invitation.status,
      applicationStatus: app.status,
      rule: check.reason,
    });
}

/**
 * The invited guarantor accepts (the route asks for a second factor within 5 minutes): their
 * identity must be verified (GUARANTOR_IDENTITY_NOT_VERIFIED otherwise, pointing to /verify), and the
 * consent text they read must be the one in force for this loan (version and SHA-256 of either
 * language). If their identity verification failed, the invitation becomes verification_failed here,
 * on the attempt (anchored on the ledger), and the answer is GUARANTOR_VERIFICATION_FAILED. The
 * acceptance records the consent's version, hash and language, and the guarantor's account.
 */
export async function acceptGuarantee({
  deps,
  actor,
  capture,
  invitationId,
  consentVersion,
  consentSha256,
}: {
  deps: GuarantorsDeps;
  actor: Actor;
  capture?: Capture | undefined;
  invitationId: string;
  consentVersion: string;
  consentSha256: string;
}): Promise<GuarantorInvitationRecord> {
  const { invitation, app } = await loadMine(deps, actor, invitationId);
  const identity = await deps.people.identityOf(actor.accountId);
  const at = deps.clock();
  if (identity === 'failed') {
    const check = checkGuarantorMove({
      from: invitation.status,
      move: 'fail_verification',
      by: 'system',
      applicationStatus: app.status,
    });
    if (check.allowed)
      await change(deps, {
        actor,
        capture,
        invitation,
        app,
        at,
        changes: { status: check.to, answeredAt: at, guarantorAccountId: actor.accountId },
        record: { kind: 'guarantor.verification_failed' },
      });
    throw new AppError('GUARANTOR_VERIFICATION_FAILED');
  }
  if (identity !== 'verified')
    throw new AppError('GUARANTOR_IDENTITY_NOT_VERIFIED', undefined, { verifyPath: '/verify', identity });
  assertMove(invitation, app, 'accept');
  const terms = termsOf(invitation, app);
  const locale = matchConsent(terms, { version: consentVersion, sha256: consentSha256 });
  if (!locale) {
    const current = guaranteeConsent(terms);
    throw new AppError('GUARANTOR_CONSENT_CHANGED', undefined, {
      version: current.version,
      sha256: { 'zh-CN': current.texts['zh-CN'].sha256, en: current.texts.en.sha256 },
    });
  }
  const sha256 = consentSha256.toLowerCase();
  return change(deps, {
    actor,
    capture,
    invitation,
    app,
    at,
    changes: {
      status: 'accepted',
      answeredAt: at,
      consentVersion,
      consentSha256: sha256,
      consentLocale: locale,
      guarantorAccountId: actor.accountId,
    },
    record: {
      kind: 'guarantor.accepted',
      consentVersion,
      consentSha256: sha256,
      locale,
      guaranteedAmount: invitation.guaranteedAmount,
    },
  });
}

/** The invited guarantor declines with a reason (kept encrypted; the ledger gets its SHA-256). */
export async function declineGuarantee({
  deps,
  actor,
  capture,
  invitationId,
  reason,
}: {
  deps: GuarantorsDeps;
  actor: Actor;
  capture?: Capture | undefined;
  invitationId: string;
  reason: string;
}): Promise<GuarantorInvitationRecord> {
  const text = reason.trim();
  if (text.length === 0) throw new AppError('VALIDATION_FAILED', 'Say why you decline', { field: 'reason' });
  const { invitation, app } = await loadMine(deps, actor, invitationId);
  assertMove(invitation, app, 'decline');
  const at = deps.clock();
  return change(deps, {
    actor,
    capture,
    invitation,
    app,
    at,
    changes: { status: 'declined', answeredAt: at, declineReason: text, guarantorAccountId: actor.accountId },
    record: { kind: 'guarantor.declined', reasonSha256: sha256Hex(text) },
  });
}
