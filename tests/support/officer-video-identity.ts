import type { Actor } from '../../src/core/accounts/roles';
import { consentTexts } from '../../src/core/identity/consent-texts';
import { chooseOfficerVideo } from '../../src/features/identity/choose-officer-video';
import { giveConsent } from '../../src/features/identity/give-consent';
import { sendPhoneCode } from '../../src/features/identity/send-phone-code';
import { startVerification } from '../../src/features/identity/start-verification';
import { verifyPhoneCode } from '../../src/features/identity/verify-phone-code';
import { composeIdentityDeps } from '../../src/http/compose-deps';
import type { TestPlatform } from './test-platform';

/**
 * Takes a borrower through identity verification as the seed does, choosing the officer's check in the
 * video interview instead of face recognition: the development authority knows them (unless `fails`,
 * when the authority refuses and the verification ends there), the phone code is entered, the
 * consents are given, and the verification ends officer_video_pending.
 */
export async function verifyByOfficerVideo({
  p,
  accountId,
  name,
  mobile,
  idNumber,
  fails = false,
}: {
  p: TestPlatform;
  accountId: string;
  name: string;
  mobile: string;
  idNumber: string;
  fails?: boolean;
}): Promise<void> {
  const actor: Actor = { accountId, role: 'borrower_individual' };
  const deps = { ...composeIdentityDeps({ infra: p.infra, config: p.config }), newCode: () => '246810' };
  if (!fails) await p.infra.identity.registry!.register({ name, idNumber, source: 'seed' });
  const consent = (kind: 'personal_information' | 'credit_inquiry' | 'recording') =>
    giveConsent({
      deps,
      actor,
      kind,
      textVersion: consentTexts[kind].version,
      locale: 'zh-CN',
      method: 'click',
    });
  await consent('personal_information');
  await startVerification({ deps, actor, name, idNumber });
  if (fails) return;
  await sendPhoneCode({ deps, actor, mobile });
  await verifyPhoneCode({ deps, actor, code: '246810' });
  await consent('credit_inquiry');
  await consent('recording');
  await chooseOfficerVideo({ deps, actor });
}
