import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_INTENT_VERSION } from '../../src/contracts/loan-contracts.schema';
import {
  contractJourneyAccounts,
  seedAcceptedGuarantor,
  seedApprovedApplication,
} from '../../src/cli/seed-contract-journey';
import { samplePdf, seedDemo } from '../../src/cli/seed-demo';
import { parsePdfsigOutput } from '../../src/infra/pki/parse-pdfsig-output';
import { contractJourney, demo, repaymentAccount } from '../support/contract-journey';
import type { TestClient } from '../support/test-platform';
import { createTestPlatform, dbTargets, type TestPlatform } from '../support/test-platform';

const account = repaymentAccount;

/** Runs Debian's pdfsig on a PDF and returns its per-signature verdicts (its exit code proves nothing). */
function pdfsig(pdf: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'mq-contract-'));
  try {
    const file = join(dir, 'contract.pdf');
    writeFileSync(file, pdf);
    return parsePdfsigOutput(execFileSync('pdfsig', [file], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(dbTargets())('loan contracts on %s', (target) => {
  let p: TestPlatform;
  let applicationId: string;
  const { logIn, logInWithSecondFactor, enrolTotp, readAll, sign } = contractJourney(() => p);
  async function pdfOf(c: TestClient, id: string, revision: 'original' | 'latest'): Promise<Buffer> {
    const res = await c.call('GET', `/api/contracts/${id}/document?revision=${revision}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    return res.raw.rawPayload;
  }

  /** 王小明 invites 赵六 to guarantee the application and 赵六 accepts (before approval). */
  async function acceptedGuarantor(applicationId: string, borrowerAccountId: string) {
    const g = contractJourneyAccounts.guarantor;
    const found = await p.infra.accounts.findCredentialsByMobile(g.mobile);
    await seedAcceptedGuarantor({
      infra: p.infra,
      config: p.config,
      applicationId,
      inviter: { accountId: borrowerAccountId, role: 'borrower_individual' },
      guarantor: { actor: { accountId: found!.account.id, role: 'borrower_individual' }, ...g },
    });
  }

  beforeAll(async () => {
    p = await createTestPlatform({ target });
    await seedDemo({ infra: p.infra, config: p.config });
    const row = await p.infra.database.db
      .selectFrom('applications')
      .select('id')
      .where('status', '=', 'approved')
      .executeTakeFirstOrThrow();
    applicationId = row.id;
  }, 120_000);
  afterAll(() => p?.close());

  it('three parties sign in order through the API; pdfsig, our verifier and the ledger agree; tampering is caught', async () => {
    const officer = await logIn(demo('loan_officer').mobile, demo('loan_officer').password);
    const borrower = await logIn(
      contractJourneyAccounts.borrower.mobile,
      contractJourneyAccounts.borrower.password,
    );
    const guarantor = await logIn(
      contractJourneyAccounts.guarantor.mobile,
      contractJourneyAccounts.guarantor.password,
    );
    const stranger = await logIn(demo('borrower_individual').mobile, demo('borrower_individual').password);

    // Preparing needs the repayment account; a borrower cannot prepare; a guarantor who did not
    // accept an invitation to this application is refused.
    const url = `/api/staff/applications/${applicationId}/contract`;
    expect((await officer.call('POST', url, {})).status).toBe(400);
    expect((await borrower.call('POST', url, { account })).status).toBe(403);
    const unknown = await officer.call('POST', url, { account, guarantorPhones: ['13700000009'] });
    expect(unknown.status).toBe(409);
    expect(unknown.body.error.code).toBe('GUARANTOR_NOT_ACCEPTED');
    const prepared = await officer.call('POST', url, {
      account,
      guarantorPhones: [contractJourneyAccounts.guarantor.mobile],
      signingOrder: 'sequential',
    });
    expect(prepared.status).toBe(201);
    const contract = prepared.body;
    expect(contract).toMatchObject({
      status: 'signing',
      amount: '50000.00',
      termMonths: 12,
      templateVersion: 'loan-contract@2026.1',
    });
    expect(contract.signers.map((s: { role: string }) => s.role)).toEqual([
      'borrower',
      'guarantor',
      'lender',
    ]);
    expect(contract.pageCount).toBeGreaterThan(1);
    // 年化利率 with no fees equals the nominal rate to 4 decimals.
    expect(Number(contract.annualisedRate)).toBeCloseTo(Number(contract.nominalAnnualRate), 4);
    expect((await officer.call('POST', url, { account })).body.error.code).toBe('CONTRACT_EXISTS');
    const id: string = contract.id;

    // Who sees it: the parties and staff; another borrower gets 404, also for the PDF.
    expect((await stranger.call('GET', `/api/contracts/${id}`)).status).toBe(404);
    expect((await stranger.call('GET', `/api/contracts/${id}/document`)).status).toBe(404);
    expect(
      (await borrower.call('GET', '/api/contracts')).body.items.map((c: { id: string }) => c.id),
    ).toEqual([id]);
    const original = await pdfOf(borrower, id, 'original');
    const contentHash = createHash('sha256').update(original).digest('hex');
    expect(contentHash).toBe(contract.contentHash);
    // The named fields exist for every party before the first signature; none is signed.
    const empty = pdfsig(original);
    expect(empty.map((s) => s.fieldName)).toEqual(['sig_lender', 'sig_borrower', 'sig_guarantor_1']);
    expect(empty.every((s) => s.signatureValidation === undefined)).toBe(true);

    // The borrower must enrol a second factor, read every page, and sign what they read.
    const early = await sign(borrower, id, contentHash);
    expect(early.status).toBe(403);
    expect(early.body.error.code).toBe('SECOND_FACTOR_NOT_ENROLLED');
    await enrolTotp(borrower);
    const unread = await sign(borrower, id, contentHash);
    expect(unread.status).toBe(409);
    expect(unread.body.error.code).toBe('CONTRACT_NOT_READ');
    await readAll(borrower, id, contract.pageCount);
    expect(
      (await borrower.call('POST', `/api/contracts/${id}/pages/${contract.pageCount + 1}/read`)).status,
    ).toBe(400);
    expect((await sign(borrower, id, 'f'.repeat(64))).body.error.code).toBe('CONTRACT_CHANGED');
    expect(
      (
        await borrower.call('POST', `/api/contracts/${id}/sign`, {
          contentHash,
          agreed: false,
          intentVersion: SIGNING_INTENT_VERSION,
        })
      ).status,
    ).toBe(400);

    // Sequential: the guarantor waits for the borrower.
    await enrolTotp(guarantor);
    await readAll(guarantor, id, contract.pageCount);
    expect((await sign(guarantor, id, contentHash)).body.error.code).toBe('NOT_YOUR_TURN');

    const byBorrower = await sign(borrower, id, contentHash);
    expect(byBorrower.status).toBe(200);
    expect(byBorrower.body.signers[0]).toMatchObject({ role: 'borrower', status: 'signed', isMe: true });
    expect((await sign(borrower, id, contentHash)).body.error.code).toBe('ALREADY_SIGNED');

    const byGuarantor = await sign(guarantor, id, contentHash);
    expect(byGuarantor.status).toBe(200);
    expect(byGuarantor.body.status).toBe('awaiting_seal');

    // The bank's seal: an approver with a fresh second factor (no standing authorisation exists).
    const approver = await logIn(demo('approver').mobile, demo('approver').password);
    expect((await officer.call('POST', `/api/staff/contracts/${id}/seal`)).status).toBe(403);
    expect((await approver.call('POST', `/api/staff/contracts/${id}/seal`)).body.error.code).toBe(
      'SECOND_FACTOR_NOT_ENROLLED',
    );
    await enrolTotp(approver);
    const sealed = await approver.call('POST', `/api/staff/contracts/${id}/seal`);
    expect(sealed.status).toBe(200);
    expect(sealed.body.status).toBe('signed');
    expect((await approver.call('POST', `/api/staff/contracts/${id}/seal`)).body.error.code).toBe(
      'CONTRACT_NOT_AWAITING_SEAL',
    );
    expect((await officer.call('GET', `/api/applications/${applicationId}`)).body.status).toBe(
      'contract_signed',
    );

    // pdfsig: every party signature valid; our verifier: signatures, chains and timestamps valid.
    const signed = await pdfOf(approver, id, 'latest');
    const verdicts = pdfsig(signed).filter((s) => s.fieldName?.startsWith('sig_'));
    expect(verdicts.map((s) => s.fieldName).sort()).toEqual([
      'sig_borrower',
      'sig_guarantor_1',
      'sig_lender',
    ]);
    for (const v of verdicts) expect(v.signatureValidation).toBe('Signature is Valid.');
    const report = await borrower.call('GET', `/api/contracts/${id}/verification`);
    expect(report.status).toBe(200);
    expect(report.body.valid).toBe(true);
    expect(report.body.signatures).toHaveLength(3);
    expect(report.body.documentTimestamp?.valid).toBe(true);
    expect(report.body.fileHash).toBe(createHash('sha256').update(signed).digest('hex'));

    // The intent record's hash is inside the borrower's signed signature dictionary and stored with it.
    const rows = await p.infra.database.db
      .selectFrom('contract_signers')
      .select(['role', 'intent_sha256', 'intent'])
      .where('contract_id', '=', id)
      .execute();
    const borrowerRow = rows.find((r) => r.role === 'borrower')!;
    expect(signed.includes(Buffer.from(`intent sha256:${borrowerRow.intent_sha256}`))).toBe(true);
    expect(borrowerRow.intent).toMatchObject({
      agreed: true,
      contentSha256: contentHash,
      intentVersion: SIGNING_INTENT_VERSION,
      authentication: { method: 'totp' },
    });
    expect((borrowerRow.intent as { pagesRead: unknown[] }).pagesRead).toHaveLength(contract.pageCount);

    // A one-byte change in the first signed revision breaks every signature that covers it.
    const tampered = Buffer.from(signed);
    const at = original.indexOf(Buffer.from('/Type /Page')) + 2;
    tampered[at] = tampered[at]! ^ 0x01;
    const checks = await p.infra.contracts.documents.verify(tampered);
    expect(checks.filter((c) => c.kind === 'signature').every((c) => !c.integrity)).toBe(true);
    expect(
      pdfsig(tampered)
        .filter((s) => s.fieldName?.startsWith('sig_'))
        .map((s) => s.signatureValidation),
    ).not.toContain('Signature is Valid.');

    // The ledger holds the contract's hash and each signature (hashes only).
    let types: string[] = [];
    for (let i = 0; i < 50; i++) {
      types = (
        await officer.call('GET', `/api/ledger/applications/${applicationId}/entries`)
      ).body.entries.map((e: { type: string }) => e.type);
      if (types.filter((t) => t.startsWith('contract.')).length >= 5) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(types.filter((t) => t === 'contract.signature')).toHaveLength(3);
    expect(types.filter((t) => t === 'contract.document')).toHaveLength(2);

    // At rest: no PDF and no signer name in clear.
    const raw = await sql<{
      pdf_enc: Buffer;
    }>`select pdf_enc from contract_revisions where contract_id = ${id}`.execute(p.infra.database.db);
    for (const r of raw.rows) expect(Buffer.from(r.pdf_enc).includes(Buffer.from('%PDF'))).toBe(false);
    const names = await sql`select * from contract_signers where contract_id = ${id}`.execute(
      p.infra.database.db,
    );
    expect(JSON.stringify(names.rows)).not.toContain(contractJourneyAccounts.borrower.displayName);
  }, 180_000);

  it('in parallel order both people sign at once; a seal authorisation then seals on its own until revoked', async () => {
    const admin = await logIn(demo('admin').mobile, demo('admin').password);
    const body = { maxAmount: '1000000.00', reason: '批量放款合同自动用印', validDays: 30 };
    expect((await admin.call('POST', '/api/admin/seal-authorisations', body)).body.error.code).toBe(
      'SECOND_FACTOR_NOT_ENROLLED',
    );
    await enrolTotp(admin);
    expect(
      (await admin.call('POST', '/api/admin/seal-authorisations', { ...body, validDays: 0 })).status,
    ).toBe(400);
    const granted = await admin.call('POST', '/api/admin/seal-authorisations', body);
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ active: true, maxAmount: '1000000.00' });
    const list = await admin.call('GET', '/api/admin/seal-authorisations');
    expect(list.body.items.map((a: { id: string }) => a.id)).toContain(granted.body.id);

    // A second approved application of 王小明's, and its contract in parallel order.
    const officer = await logIn(demo('loan_officer').mobile, demo('loan_officer').password);
    const borrower = await logInWithSecondFactor(
      contractJourneyAccounts.borrower.mobile,
      contractJourneyAccounts.borrower.password,
    );
    const verified = await p.infra.identity.store.latestVerification(borrower.accountId!);
    const secondId = await seedApprovedApplication({
      infra: p.infra,
      config: p.config,
      borrower: { accountId: borrower.accountId!, role: 'borrower_individual' },
      officer: { accountId: officer.accountId!, role: 'loan_officer' },
      applicant: { ...contractJourneyAccounts.borrower, idNumber: verified!.idNumber },
      samplePdf,
      amount: '30000.00',
      beforeApproval: (id) => acceptedGuarantor(id, borrower.accountId!),
    });
    const prepared = await officer.call('POST', `/api/staff/applications/${secondId}/contract`, {
      account,
      guarantorPhones: [contractJourneyAccounts.guarantor.mobile],
      signingOrder: 'parallel',
      locale: 'en',
    });
    expect(prepared.status).toBe(201);
    const { id, pageCount, contentHash } = prepared.body;

    const guarantor = await logInWithSecondFactor(
      contractJourneyAccounts.guarantor.mobile,
      contractJourneyAccounts.guarantor.password,
    );
    await readAll(borrower, id, pageCount);
    await readAll(guarantor, id, pageCount);
    expect((await guarantor.call('GET', `/api/contracts/${id}`)).body.canSign).toBe(true);
    const [a, b] = await Promise.all([sign(borrower, id, contentHash), sign(guarantor, id, contentHash)]);
    expect([a.status, b.status]).toEqual([200, 200]);

    // Every person signed: the authorised seal followed on its own.
    const done = (await officer.call('GET', `/api/staff/applications/${secondId}/contract`)).body;
    expect(done.status).toBe('signed');
    expect(done.signers.find((s: { role: string }) => s.role === 'lender').sealAuthorisationId).toBe(
      granted.body.id,
    );
    expect((await officer.call('GET', `/api/applications/${secondId}`)).body.status).toBe('contract_signed');
    const signed = await pdfOf(officer, id, 'latest');
    const verdicts = pdfsig(signed).filter((s) => s.fieldName?.startsWith('sig_'));
    expect(verdicts).toHaveLength(3);
    for (const v of verdicts) expect(v.signatureValidation).toBe('Signature is Valid.');

    const revoke = `/api/admin/seal-authorisations/${granted.body.id}/revoke`;
    const revoked = await admin.call('POST', revoke, { reason: '停止自动用印' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ active: false, revokeReason: '停止自动用印' });
    expect((await admin.call('POST', revoke, { reason: '再次撤销' })).body.error.code).toBe(
      'SEAL_AUTHORISATION_REVOKED',
    );
  }, 180_000);
});
