import { createHash } from 'node:crypto';
import type { Actor } from '../../core/accounts/roles';
import {
  buildLoanContract,
  signerFieldName,
  type VerifiedPerson,
} from '../../core/contract/build-loan-contract';
import { AppError } from '../../core/errors';
import { commitValue } from '../../core/ledger/evidence/commit-value';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { PrepareContractBody } from '../../contracts/loan-contracts.schema';
import type { ContractsDeps } from './contracts-deps';
import type { ContractRecord, SignerRecord } from './contract-store.port';

const DAY = 86_400_000;

/** The drawdown date: the given one, else 7 days after `now` moved back to day 28 at most (Beijing time). */
function drawdownDate(now: Date, given: string | undefined): string {
  if (given !== undefined) return given;
  const beijing = new Date(now.getTime() + 8 * 3_600_000 + 7 * DAY);
  const iso = beijing.toISOString().slice(0, 10);
  return Number(iso.slice(8, 10)) > 28 ? `${iso.slice(0, 8)}28` : iso;
}

/**
 * Prepares the loan contract of an approved application (合同生成): the parties as the identity
 * authority confirmed them — the borrower (for an enterprise, the account holder who signs for it) and
 * the guarantors who accepted their invitation (all of them, or those named, each of whom must have
 * accepted: GUARANTOR_NOT_ACCEPTED otherwise) with a verified identity too — the approved terms, the schedule and
 * 年化利率, rendered to PDF with an empty named signature field per party. The unsigned PDF's SHA-256
 * goes on the evidence ledger with the template version. One contract per application.
 */
export async function prepareContract({
  deps,
  actor,
  capture,
  applicationId,
  input,
}: {
  deps: ContractsDeps;
  actor: Actor;
  capture?: Capture;
  applicationId: string;
  input: PrepareContractBody;
}): Promise<{ contract: ContractRecord; signers: SignerRecord[] }> {
  const application = await deps.applications.find(applicationId);
  if (!application) throw new AppError('APPLICATION_NOT_FOUND');
  if (await deps.store.findByApplication(applicationId)) throw new AppError('CONTRACT_EXISTS');
  if (application.status !== 'approved')
    throw new AppError('ILLEGAL_TRANSITION', 'Only an approved application gets a contract', {
      from: application.status,
      to: 'contract',
    });
  const terms = await deps.terms.of(application);
  if (!terms) throw new AppError('CONTRACT_TERMS_UNAVAILABLE');

  const borrowerPerson = await deps.people.verifiedPerson(application.borrowerAccountId);
  if (!borrowerPerson) throw new AppError('SIGNER_NOT_VERIFIED', undefined, { role: 'borrower' });
  const statedId =
    application.kind === 'individual'
      ? application.details.applicant?.idNumber
      : application.details.stakeholders?.find((s) => s.idNumber?.toUpperCase() === borrowerPerson.idNumber)
          ?.idNumber;
  if (statedId?.toUpperCase() !== borrowerPerson.idNumber.toUpperCase())
    throw new AppError('SIGNER_NOT_VERIFIED', 'The verified person is not the one named in the application', {
      role: 'borrower',
    });

  // The guarantors are those who accepted their invitation (features/guarantors): all of them when
  // none are named, else each named mobile must be one of them.
  const accepted = await deps.guarantors.acceptedOf(applicationId);
  const named =
    input.guarantorPhones === undefined
      ? accepted
      : input.guarantorPhones.map((phone) => {
          const found = accepted.find((g) => g.mobile === phone);
          if (!found) throw new AppError('GUARANTOR_NOT_ACCEPTED', undefined, { phone });
          return found;
        });
  const guarantorAccounts: { accountId: string; person: VerifiedPerson }[] = [];
  for (const { accountId, mobile: phone } of named) {
    const account = await deps.people.accountByMobile(phone);
    if (!account || account.id !== accountId || account.role !== 'borrower_individual')
      throw new AppError('ACCOUNT_NOT_FOUND', 'No individual account has that mobile number', { phone });
    if (
      account.id === application.borrowerAccountId ||
      guarantorAccounts.some((g) => g.accountId === account.id)
    )
      throw new AppError('VALIDATION_FAILED', 'Each guarantor is a different person from the borrower', {
        phone,
      });
    const person = await deps.people.verifiedPerson(account.id);
    if (!person) throw new AppError('SIGNER_NOT_VERIFIED', undefined, { role: 'guarantor', phone });
    guarantorAccounts.push({ accountId: account.id, person });
  }

  const now = deps.clock();
  const locale = input.locale ?? 'zh-CN';
  const id = deps.newId();
  // One contract per application: its number is the application's reference with a contract suffix.
  const contractNumber = `${application.reference}-HT`;
  const issuedAt = new Date(now.getTime() + 8 * 3_600_000).toISOString().replace(/\.\d+Z$/, '+08:00');
  const data = buildLoanContract({
    locale,
    contractNumber,
    issuedAt,
    startDate: drawdownDate(now, input.startDate),
    lender: deps.lender(locale),
    application,
    borrowerPerson,
    guarantors: guarantorAccounts.map((g) => g.person),
    terms,
    account: input.account,
  });
  const { pdf, pageCount } = await deps.documents.render(data);
  const sha256 = createHash('sha256').update(pdf).digest('hex');

  const person = (
    role: 'borrower' | 'guarantor',
    position: number,
    fieldName: string,
    accountId: string,
    p: VerifiedPerson,
  ): SignerRecord => {
    const salt = deps.randomSalt();
    return {
      ...blankSigner(id),
      id: deps.newId(),
      position,
      role,
      fieldName,
      accountId,
      displayName: role === 'borrower' ? (data.signers[1]?.displayName ?? p.name) : p.name,
      idNumberCommitment: commitValue(salt, p.idNumber.toUpperCase()),
      idCommitmentSalt: salt,
    };
  };
  const signers: SignerRecord[] = [
    person('borrower', 1, signerFieldName('borrower'), application.borrowerAccountId, borrowerPerson),
    ...guarantorAccounts.map((g, i) =>
      person('guarantor', i + 2, signerFieldName('guarantor', i), g.accountId, g.person),
    ),
    {
      ...blankSigner(id),
      id: deps.newId(),
      position: guarantorAccounts.length + 2,
      role: 'lender',
      fieldName: signerFieldName('lender'),
      displayName: data.lender.name,
    },
  ];
  const contract: ContractRecord = {
    id,
    applicationId,
    contractNumber,
    templateVersion: `${data.template.id}@${data.template.version}`,
    locale,
    signingOrder: input.signingOrder ?? 'sequential',
    status: 'signing',
    amount: terms.amount,
    termMonths: terms.termMonths,
    nominalAnnualRate: terms.nominalAnnualRate,
    annualisedRate: data.loan.annualisedRate,
    pageCount,
    contentSha256: sha256,
    revision: 0,
    currentSha256: sha256,
    data,
    createdBy: actor.accountId,
    createdAt: now,
    completedAt: null,
  };
  const evidence = await deps.evidence.prepare({
    type: 'contract.document',
    applicationId,
    actor,
    capture,
    at: now,
    record: {
      stage: 'prepared',
      contractId: id,
      contractNumber,
      template: contract.templateVersion,
      locale,
      pdfSha256: sha256,
      pageCount,
      signingOrder: contract.signingOrder,
      signers: signers.map((s) => ({
        role: s.role,
        field: s.fieldName,
        idNumberCommitment: s.idNumberCommitment,
      })),
    },
  });
  await deps.store.create({ contract, signers, pdf, evidence });
  deps.evidence.sequence();
  return { contract, signers };
}

function blankSigner(
  contractId: string,
): Omit<SignerRecord, 'id' | 'position' | 'role' | 'fieldName' | 'displayName'> {
  return {
    contractId,
    accountId: null,
    idNumberCommitment: null,
    idCommitmentSalt: null,
    status: 'pending',
    signedAt: null,
    signedBy: null,
    sealAuthorisationId: null,
    certificateSha256: null,
    certificateSerial: null,
    signatureRevision: null,
    intent: null,
    intentSha256: null,
  };
}
