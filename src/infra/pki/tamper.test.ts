import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeContractDocument, renderContractModel } from '../../core/contract/loan-contract-template';
import { sampleContractData } from '../../core/contract/sample-contract-data';
import { loadCjkFont } from '../pdf/load-cjk-font';
import { renderContractPdf } from '../pdf/render-contract-pdf';
import { loadPlatformPki } from './load-platform-pki';
import { parsePdfsigOutput } from './parse-pdfsig-output';
import { pkiEncoding } from './pki-encoding';
import { readOcspResponse } from './read-ocsp-response';
import { readSignatureStructure } from './read-signature-structure';
import { signatureCertificates } from './signature-certificates';
import { x509Name } from './x509-name';
import { signContract } from './sign-contract';
import { verifyPdfSignatures, type PdfSignatureReport } from './verify-pdf-signatures';

/**
 * The real contract, signed by three parties through the signing path: a one-byte change anywhere in
 * a signed revision (outside that signature's own /Contents hole) makes that signature, and every
 * later one covering it, report something other than 'valid' — never an exception.
 */
describe('tampering with a signed contract', () => {
  let dir: string;
  let signed: Buffer;
  let root: string;
  let reports: PdfSignatureReport[];
  let tsaSerial: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mq-tamper-'));
    const data = sampleContractData('zh-CN');
    const pdf = await renderContractPdf(renderContractModel(data), {
      font: await loadCjkFont(),
      ...describeContractDocument(data),
    });
    const pki = await loadPlatformPki({ dataDir: dir });
    root = pki.rootCertificate;
    tsaSerial = pkiEncoding.serialHex(pki.tsa.certificate);
    signed = await signContract({
      pdf,
      pki,
      parties: [
        { fieldName: 'sig_lender', role: 'lender' },
        {
          fieldName: 'sig_borrower',
          role: 'borrower',
          name: '张三',
          idNumberCommitment: 'a'.repeat(64),
          applicationId: 'A1',
        },
        {
          fieldName: 'sig_guarantor_1',
          role: 'guarantor',
          name: '李四',
          idNumberCommitment: 'b'.repeat(64),
          applicationId: 'A1',
        },
      ],
    });
    reports = await verifyPdfSignatures({ pdf: signed, trustedRoots: [root] });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies untouched: three signatures and the document timestamp, all valid', () => {
    expect(reports.map((r) => [r.kind, r.integrity, r.chainStatus])).toEqual([
      ['signature', 'valid', 'valid'],
      ['signature', 'valid', 'valid'],
      ['signature', 'valid', 'valid'],
      ['document-timestamp', 'valid', 'valid'],
    ]);
  });

  it('finishSignedContract put an OCSP response for every party and the TSA into the DSS; pdfsig still accepts', () => {
    const { ocsps } = readSignatureStructure(signed);
    const statuses = ocsps.map(readOcspResponse);
    expect(statuses.map((s) => s.status)).toEqual(Array(ocsps.length).fill('successful'));
    const covered = new Set(statuses.flatMap((s) => s.responses.map((r) => `${r.serial}:${r.status}`)));
    // Three party certificates and the TSA's (the CAs are covered by the root's CRL): each 'good'.
    const issuedByPlatform = signatureCertificates(signed).filter(
      (c) => !c.issuer.isEqual(c.subject) && x509Name.get(c.subject, 'CN')?.endsWith(' CA') !== true,
    );
    expect(issuedByPlatform.map((c) => x509Name.get(c.subject, 'CN')).sort()).toEqual(
      [
        'Mianqian Demonstration Bank Co., Ltd.',
        'Mianqian Platform Timestamp Authority',
        '张三',
        '李四',
      ].sort(),
    );
    expect(covered).toEqual(new Set(issuedByPlatform.map((c) => `${pkiEncoding.serialHex(c)}:good`)));
    expect(covered.has(`${tsaSerial}:good`)).toBe(true);
    expect([...covered].every((c) => c.endsWith(':good'))).toBe(true);
    expect(reports.map((r) => r.revocation)).toEqual(['ocsp', 'ocsp', 'ocsp', 'ocsp']);
    const file = join(dir, 'signed.pdf');
    writeFileSync(file, signed);
    const out = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    if (out.error) throw out.error;
    const parsed = parsePdfsigOutput(out.stdout);
    expect(
      parsed.filter((s) => s.signatureType === 'ETSI.CAdES.detached').map((s) => s.signatureValidation),
    ).toEqual(Array(3).fill('Signature is Valid.'));
  });

  it('reports any one-byte change in a signed revision', async () => {
    const inHole = (r: PdfSignatureReport, at: number) => at >= r.byteRange[1] && at < r.byteRange[2];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: reports.at(-1)!.revisionEnd - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, mask) => {
          const copy = Buffer.from(signed);
          copy[at] = copy[at]! ^ mask;
          const after = await verifyPdfSignatures({ pdf: copy, trustedRoots: [root] });
          for (const before of reports) {
            if (at >= before.revisionEnd || inHole(before, at)) continue;
            const now = after.find((r) => r.index === before.index);
            // The signature is reported broken, or (a change in its dictionary) not found as the same signature.
            expect(
              now === undefined ||
                now.integrity !== 'valid' ||
                now.byteRange.join() !== before.byteRange.join(),
              `byte ${at}`,
            ).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);
});
