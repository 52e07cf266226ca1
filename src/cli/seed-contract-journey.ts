import type { Config } from '../config';
import type { Actor } from '../core/accounts/roles';
import type { ApplicationStatus } from '../core/application/lifecycle';
import { consentTexts } from '../core/identity/consent-texts';
import { idNumberCheckCharacter } from '../core/identity/id-number';
import type { AccountsDeps } from '../features/accounts/accounts-deps';
import { registerAccount } from '../features/accounts/register-account';
import { createApplication } from '../features/applications/create-application';
import { submitApplication } from '../features/applications/submit-application';
import { uploadDocument } from '../features/applications/upload-document';
import { chooseOfficerVideo } from '../features/identity/choose-officer-video';
import { giveConsent } from '../features/identity/give-consent';
import { sendPhoneCode } from '../features/identity/send-phone-code';
import { startVerification } from '../features/identity/start-verification';
import { verifyPhoneCode } from '../features/identity/verify-phone-code';
import { assessApplicationRisk } from '../features/risk/assess-application-risk';
import { composeApplicationsDeps, composeIdentityDeps, composeRiskDeps } from '../http/compose-deps';
import { composeApprovalsDeps } from '../http/compose-approvals';
import { approvalProgress } from '../core/approval/approval-progress';
import type { ApplicationsDeps } from '../features/applications/applications-deps';
import { factsOf } from '../features/approvals/approval-facts';
import { decideApprovalStep } from '../features/approvals/decide-approval-step';
import { submitForApproval } from '../features/approvals/submit-for-approval';
import { demoAccounts } from './seed-demo';
import type { Infrastructure } from '../infra/open-infrastructure';
import { moveApplication } from '../http/move-application';
import { composeGuarantorsDeps } from '../http/compose-guarantors';
import { composeLedgerDeps } from '../http/compose-deps';
import { inviteGuarantor } from '../features/guarantors/invite-guarantor';
import { acceptGuarantee } from '../features/guarantors/answer-guarantee';
import { listMyGuarantees } from '../features/guarantors/list-guarantors';

/** The contract journey's demo accounts: a borrower with an approved application, and a guarantor. */
export const contractJourneyAccounts = {
  borrower: { mobile: '13800000011', password: 'signer-pass-2026', displayName: '王小明' },
  guarantor: { mobile: '13800000012', password: 'guarantor-pass-2026', displayName: '赵六' },
  /** The approval-to-disbursement journey's borrower: an application waiting in risk_control. */
  lending: { mobile: '13800000013', password: 'lending-pass-2026', displayName: '李雷' },
  /**
   * The video interview journey's borrower: an application assessed and waiting in identity_verified
   * for its interview (a person of the local credit bureau's file, fixtures/credit-bureau).
   */
  interview: { mobile: '13800000014', password: 'interview-pass-2026', displayName: '孙七' },
} as const;

const idNumber = (birth: string, seq: string) => {
  const first17 = `310104${birth}${seq}`;
  return first17 + idNumberCheckCharacter(first17);
};

/**
 * Seeds what the contract signing journey starts from (demo and the browser test): two people whose
 * identity the authority confirmed and whose phones were verified, who chose to be verified by the
 * officer in the video interview (so no face photo is needed), and an application of 王小明's that
 * passed screening and the risk model. The interview does not exist yet (issue 7): the seed moves the
 * application to risk_control as the officer (each step an event on its history and the ledger, marked
 * as seeded); approval then runs through the real use cases (the officer submits, the demo risk
 * officer and approver decide).
 */
export async function seedContractJourney({
  infra,
  config,
  accountsDeps,
  officer,
  samplePdf,
}: {
  infra: Infrastructure;
  config: Config;
  accountsDeps: AccountsDeps;
  officer: Actor;
  samplePdf: (title: string) => Buffer;
}): Promise<{ applicationId: string; lendingApplicationId: string }> {
  const people = [
    { ...contractJourneyAccounts.borrower, idNumber: idNumber('19900315', '251') },
    { ...contractJourneyAccounts.guarantor, idNumber: idNumber('19820719', '432') },
    { ...contractJourneyAccounts.lending, idNumber: idNumber('19870921', '613') },
    { ...contractJourneyAccounts.interview, idNumber: '110105199502285266' },
  ];
  const identityDeps = { ...composeIdentityDeps({ infra, config }), newCode: () => '246810' };
  const actors: Actor[] = [];
  for (const p of people) {
    const opened = await registerAccount({
      deps: accountsDeps,
      input: {
        mobile: p.mobile,
        password: p.password,
        displayName: p.displayName,
        role: 'borrower_individual',
      },
      clientIp: 'seed',
      userAgent: 'seed',
    });
    await infra.sessions.deleteAllForAccount(opened.account.id);
    const actor: Actor = { accountId: opened.account.id, role: 'borrower_individual' };
    actors.push(actor);
    await infra.identity.registry?.register({ name: p.displayName, idNumber: p.idNumber, source: 'seed' });
    const consentTo = (kind: 'personal_information' | 'credit_inquiry' | 'recording') =>
      giveConsent({
        deps: identityDeps,
        actor,
        kind,
        textVersion: consentTexts[kind].version,
        locale: 'zh-CN',
        method: 'click',
      });
    await consentTo('personal_information');
    await startVerification({ deps: identityDeps, actor, name: p.displayName, idNumber: p.idNumber });
    await sendPhoneCode({ deps: identityDeps, actor, mobile: p.mobile });
    await verifyPhoneCode({ deps: identityDeps, actor, code: '246810' });
    await consentTo('credit_inquiry');
    await consentTo('recording');
    await chooseOfficerVideo({ deps: identityDeps, actor });
  }

  // 王小明 invites 赵六 as guarantor and 赵六 accepts, before approval (features/guarantors).
  const applicationId = await seedApprovedApplication({
    infra,
    config,
    borrower: actors[0]!,
    officer,
    applicant: people[0]!,
    samplePdf,
    beforeApproval: (id) =>
      seedAcceptedGuarantor({
        infra,
        config,
        applicationId: id,
        inviter: actors[0]!,
        guarantor: { actor: actors[1]!, ...contractJourneyAccounts.guarantor },
      }),
  });
  const lendingApplicationId = await seedApprovedApplication({
    infra,
    config,
    borrower: actors[2]!,
    officer,
    applicant: people[2]!,
    samplePdf,
    amount: '80000.00',
    approve: false,
  });
  // 孙七's application stops at identity_verified: the video interview journey schedules it.
  await seedApprovedApplication({
    infra,
    config,
    borrower: actors[3]!,
    officer,
    applicant: people[3]!,
    samplePdf,
    amount: '60000.00',
    approve: false,
    stopAt: 'identity_verified',
  });
  return { applicationId, lendingApplicationId };
}

/**
 * Invites `guarantor` to guarantee the application (as its borrower, `inviter`) and accepts as them,
 * through the guarantors use cases, with the consent text in force (zh-CN). The step-up second factor
 * of the accept route is an HTTP concern and not needed here; the guarantor's identity must be verified.
 */
export async function seedAcceptedGuarantor({
  infra,
  config,
  applicationId,
  inviter,
  side = 'borrower',
  guarantor,
}: {
  infra: Infrastructure;
  config: Config;
  applicationId: string;
  inviter: Actor;
  side?: 'borrower' | 'officer';
  guarantor: { actor: Actor; mobile: string; displayName: string };
}): Promise<void> {
  const ledger = composeLedgerDeps({ infra, config });
  const deps = composeGuarantorsDeps({
    infra,
    ledger,
    applications: composeApplicationsDeps({ infra, config, ledger }),
  });
  const invitation = await inviteGuarantor({
    deps,
    actor: inviter,
    side,
    applicationId,
    input: { name: guarantor.displayName, mobile: guarantor.mobile, relationship: 'friend' },
  });
  const mine = await listMyGuarantees({ deps, actor: guarantor.actor });
  const consent = mine.guarantees.find((g) => g.id === invitation.id)!.consent;
  await acceptGuarantee({
    deps,
    actor: guarantor.actor,
    invitationId: invitation.id,
    consentVersion: consent.version,
    consentSha256: consent.texts['zh-CN'].sha256,
  });
}

/**
 * An individual application of `borrower`'s that passed screening and the risk model, moved on to
 * risk_control as the officer (the seeded stand-in for the interview, issue 7), then approved through
 * the approval use cases. Without a risk model (no assessment) it stays in risk_control.
 */
export async function seedApprovedApplication({
  infra,
  config,
  borrower,
  officer,
  applicant,
  samplePdf,
  amount = '50000.00',
  approve = true,
  beforeApproval,
  stopAt = 'risk_control',
}: {
  infra: Infrastructure;
  config: Config;
  borrower: Actor;
  officer: Actor;
  applicant: { displayName: string; idNumber: string; mobile: string };
  samplePdf: (title: string) => Buffer;
  amount?: string;
  /** False: leave it in risk_control, waiting for the officer to submit it for approval. */
  approve?: boolean;
  /** Runs once the application is in risk_control, before approval (guarantors, say). */
  beforeApproval?: (applicationId: string) => Promise<void>;
  /** Stop the seeded moves at this status (identity_verified: waiting for its video interview). */
  stopAt?: 'identity_verified' | 'risk_control';
}): Promise<string> {
  const deps = composeApplicationsDeps({ infra, config });
  const application = await createApplication({
    deps,
    actor: borrower,
    kind: 'individual',
    details: {
      loan: {
        productCode: 'personal-consumer',
        amount,
        termMonths: 12,
        repaymentMethod: 'equal_installment',
        purpose: 'home_renovation',
        purposeDetail: '房屋装修',
      },
      applicant: {
        fullName: applicant.displayName,
        idNumber: applicant.idNumber,
        mobile: applicant.mobile,
        address: '上海市徐汇区漕溪北路 99 号',
        employmentStatus: 'employed',
        employer: '上海某软件有限公司',
        monthlyIncome: '22000.00',
        yearsEmployed: 5,
        existingMonthlyRepayment: '0.00',
        existingDebtTotal: '0.00',
      },
    },
  });
  for (const kind of ['id_card_copy', 'income_proof'])
    await uploadDocument({
      deps,
      actor: borrower,
      applicationId: application.id,
      kind,
      filename: `${kind}.pdf`,
      declaredType: 'application/pdf',
      bytes: samplePdf(kind),
    });
  await submitApplication({ deps, actor: borrower, id: application.id });
  const riskDeps = composeRiskDeps({ infra, config });
  if (riskDeps.models.modelFor('individual'))
    await assessApplicationRisk({ deps: riskDeps, actor: officer, applicationId: application.id });

  const steps: ApplicationStatus[] = [
    'identity_verified',
    'interview_scheduled',
    'interviewed',
    'risk_control',
  ];
  for (const to of steps.slice(0, steps.indexOf(stopAt) + 1)) {
    if ((await deps.applications.findById(application.id))?.status === to) continue;
    const moved = await moveApplication(deps, {
      applicationId: application.id,
      to,
      as: 'staff',
      actor: officer,
      reason: 'demo seed (the interview is not built yet)',
    });
    if (!moved) throw new Error(`could not move the seeded application to ${to}`);
  }
  if (stopAt !== 'risk_control') return application.id;
  await beforeApproval?.(application.id);
  if (approve && (await infra.risk.store.latestOf(application.id)))
    await approveThroughTheMatrix({
      infra,
      config,
      applicationsDeps: deps,
      officer,
      applicationId: application.id,
    });
  return application.id;
}

/**
 * Takes an application in risk_control through approval with the real use cases: the officer
 * submits it, then the seeded risk officer and approver (demoAccounts) decide each step the matrix
 * asks for, approving the requested terms. The step-up second factor is an HTTP concern and not
 * needed here. A band that needs a committee of several approvers cannot be seeded this way (there
 * is one demo approver) and says so.
 */
async function approveThroughTheMatrix({
  infra,
  config,
  applicationsDeps,
  officer,
  applicationId,
}: {
  infra: Infrastructure;
  config: Config;
  applicationsDeps: ApplicationsDeps;
  officer: Actor;
  applicationId: string;
}): Promise<void> {
  const approvals = composeApprovalsDeps({ infra, config, applications: applicationsDeps });
  const staff = async (role: 'risk_officer' | 'approver'): Promise<Actor> => {
    const demo = demoAccounts.find((a) => a.role === role)!;
    const found = await infra.accounts.findCredentialsByMobile(demo.mobile);
    if (!found) throw new Error(`the demo ${role} (${demo.mobile}) is not seeded`);
    return { accountId: found.account.id, role };
  };
  let record = await submitForApproval({ deps: approvals, actor: officer, applicationId });
  while (record.status === 'pending') {
    const progress = approvalProgress({
      steps: record.steps,
      decisions: factsOf(await approvals.store.decisions(record.id)),
      termsVersion: record.termsVersion,
    });
    if (progress.state !== 'in_progress') break;
    const role = progress.step.kind === 'risk_review' ? 'risk_officer' : 'approver';
    record = await decideApprovalStep({
      deps: approvals,
      actor: await staff(role),
      applicationId,
      expectedStepIndex: progress.stepIndex,
      outcome: 'approve',
      reasonCode: 'within_policy',
      text: role === 'risk_officer' ? '风险可控，同意提交审批（演示数据）' : '同意按申请要素放款（演示数据）',
    });
  }
  if (record.status !== 'approved') throw new Error(`the seeded approval ended ${record.status}`);
}
