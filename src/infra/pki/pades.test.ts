import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyStore, SigningKeyAlgorithm } from './key-store';
import { finishLtv, signPdfField, type PadesSigner } from './pades';
import { parsePdfsigOutput } from './parse-pdfsig-output';
import { pkiEncoding } from './pki-encoding';
import { PKI_OIDS } from './pki-oids';
import { PlatformCa, type CaPem } from './platform-ca';
import { SoftwareKeyStore } from './software-key-store';
import { makeTestContractPdf } from './test-contract-pdf';
import { makeTestSealPng } from './test-seal-png';
import { PlatformTimestampAuthority } from './timestamp-authority';
import { verifyPdfSignatures } from './verify-pdf-signatures';

const FIELDS = ['sig_lender', 'sig_borrower', 'sig_guarantor_1'] as const;
const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

interface Pki {
  keyStore: KeyStore;
  ca: PlatformCa;
  rootPem: CaPem;
  tsa: PlatformTimestampAuthority;
  bank: PadesSigner;
}

async function makePki(algorithm: SigningKeyAlgorithm): Promise<Pki> {
  const keyStore = new SoftwareKeyStore({ defaultAlgorithm: algorithm });
  const { ca, rootPem } = await PlatformCa.bootstrap({ keyStore, algorithm });
  const tsa = await PlatformTimestampAuthority.create({ ca, keyStore });
  const bankKey = await keyStore.generate('org/example-bank');
  const bankCert = await ca.issueOrganisationCertificate({
    name: 'Example Bank Co., Ltd.',
    organisationId: '91110000100000000X',
    publicKey: await keyStore.publicKey(bankKey),
  });
  return { keyStore, ca, rootPem, tsa, bank: { keyRef: bankKey, certificate: bankCert, chain: ca.chain } };
}

/** A per-event signer: fresh key, one-hour certificate bound to the (committed) identity. */
async function eventSigner(pki: Pki, name: string, role: string, idNumber: string): Promise<PadesSigner> {
  const keyRef = await pki.keyStore.generate(`signer/app-42/${role}`);
  const certificate = await pki.ca.issueSignerCertificate({
    name,
    role,
    applicationId: 'app-42',
    idNumberCommitment: createHash('sha256').update(`salt:${idNumber}`).digest('hex'),
    publicKey: await pki.keyStore.publicKey(keyRef),
  });
  return { keyRef, certificate, chain: pki.ca.chain };
}

/** Lender (bank seal), borrower, guarantor, in that order: three incremental B-T signatures. */
async function signContract(pki: Pki, pdf: Buffer, signers: PadesSigner[], seal: Buffer): Promise<Buffer> {
  const reasons = ['Lender seal', 'Borrower agrees', 'Guarantor agrees'];
  for (const [i, field] of FIELDS.entries()) {
    pdf = await signPdfField({
      pdf,
      fieldName: field,
      signer: signers[i]!,
      keyStore: pki.keyStore,
      tsa: pki.tsa,
      reason: reasons[i],
      location: 'Beijing',
      signingTime: new Date(),
      ...(i === 0 ? { appearance: { seal } } : {}),
    });
  }
  return pdf;
}

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, all: `${r.stdout}\n${r.stderr}` };
}

/** Each signature's /Contents (DER, padding stripped) and signed bytes, extracted without our verifier. */
function extractSignatures(pdf: Buffer) {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].map((m) => {
    const [o1, l1, o2, l2] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    const hex = text.slice(o1 + l1 + 1, o2 - 1);
    return {
      der: Buffer.from(pkiEncoding.stripPadding(Buffer.from(hex, 'hex'))),
      signed: Buffer.concat([pdf.subarray(o1, o1 + l1), pdf.subarray(o2, o2 + l2)]),
    };
  });
}

function signatureTimestamp(cmsDer: Buffer): { token: Buffer; signatureValue: Buffer } {
  const info = new pkijs.ContentInfo({ schema: pkiEncoding.parseDer(cmsDer, 'cms') });
  const signerInfo = new pkijs.SignedData({ schema: info.content }).signerInfos[0]!;
  const attr = signerInfo.unsignedAttrs!.attributes.find((a) => a.type === PKI_OIDS.signatureTimeStampToken)!;
  return {
    token: Buffer.from(attr.values[0]!.toBER(false)),
    signatureValue: Buffer.from(signerInfo.signature.valueBlock.valueHexView),
  };
}

function flipByteAt(pdf: Buffer, needle: string, from = 0): Buffer {
  const copy = Buffer.from(pdf);
  const at = copy.indexOf(needle, from, 'latin1');
  expect(at).toBeGreaterThanOrEqual(from);
  copy[at + needle.length - 2] = (copy[at + needle.length - 2] ?? 0) ^ 0x01;
  return copy;
}

describe('multi-party PAdES signing (ECDSA P-256)', () => {
  let dir: string;
  let pki: Pki;
  let signers: PadesSigner[];
  let unsigned: Buffer;
  let threeSigned: Buffer;
  let final: Buffer;
  let crls: Buffer[];
  const pdfsig = (file: Buffer, name: string) => {
    const path = join(dir, name);
    writeFileSync(path, file);
    return run('pdfsig', [path]);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mianqian-pades-'));
    pki = await makePki('ECDSA-P256');
    signers = [
      pki.bank,
      await eventSigner(pki, 'Zhang San', 'borrower', '110101199003071234'),
      await eventSigner(pki, 'Li Si', 'guarantor', '110101198805121235'),
    ];
    unsigned = await makeTestContractPdf();
    threeSigned = await signContract(pki, unsigned, signers, makeTestSealPng());
    crls = [
      await pki.ca.createCrl(),
      await PlatformCa.createRootCrl({ keyStore: pki.keyStore, root: pki.rootPem }),
    ];
    final = await finishLtv({ pdf: threeSigned, chain: pki.ca.chain, crls, tsa: pki.tsa });
    writeFileSync(join(dir, 'chain.pem'), pki.ca.chainPem());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('appends every signature as an incremental update (earlier revisions byte-identical)', () => {
    expect(final.subarray(0, unsigned.length).equals(unsigned)).toBe(true);
    expect(final.subarray(0, threeSigned.length).equals(threeSigned)).toBe(true);
    expect(final.toString('latin1').match(/%%EOF/g)).toHaveLength(1 + 3 + 1); // + DSS with the doc timestamp
  });

  it('pdfsig: each party signature "Signature is Valid."; the document timestamp only "Unimplemented"', () => {
    const r = pdfsig(final, 'final.pdf');
    const sigs = parsePdfsigOutput(r.stdout);
    expect(sigs.map((s) => s.fieldName)).toEqual([...FIELDS, 'doc_timestamp']);
    for (const s of sigs.slice(0, 3)) {
      expect(s.signatureType).toBe('ETSI.CAdES.detached');
      expect(s.signatureValidation).toBe('Signature is Valid.');
      // No NSS database with our root: pdfsig cannot trust a private CA (certutil is not installed).
      expect(s.certificateValidation).toBe("Certificate issuer isn't Trusted.");
      expect(s.totalDocumentSigned).toBe(false);
    }
    expect(sigs.map((s) => s.signerCommonName)).toEqual([
      'Example Bank Co., Ltd.',
      'Zhang San',
      'Li Si',
      'Mianqian Platform Timestamp Authority',
    ]);
    // poppler 22.12 cannot validate /DocTimeStamp (ETSI.RFC3161); tolerate exactly that.
    const docTs = sigs[3]!;
    expect(['Signature has not yet been verified.', 'Signature is Valid.']).toContain(
      docTs.signatureValidation,
    );
    expect(docTs.totalDocumentSigned).toBe(true);
    const stderr = r.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(
      stderr.every((l) => l === 'Unimplemented Feature (0): Unable to validate this type of signature'),
    ).toBe(true);
  });

  it('openssl cms -verify: every signature verifies over its byte ranges', () => {
    const sigs = extractSignatures(final).slice(0, 3);
    expect(sigs).toHaveLength(3);
    sigs.forEach(({ der, signed }, i) => {
      writeFileSync(join(dir, `sig${i}.der`), der);
      writeFileSync(join(dir, `sig${i}.bin`), signed);
      // prettier-ignore
      const r = run('openssl', [
        'cms', '-verify', '-binary', '-inform', 'DER',
        '-in', join(dir, `sig${i}.der`),
        '-content', join(dir, `sig${i}.bin`),
        '-CAfile', join(dir, 'chain.pem'),
        '-out', '/dev/null',
      ]);
      expect(r.stderr).toContain('Verification successful');
      expect(r.status).toBe(0);
    });
  });

  it('openssl ts -verify: each signature timestamp covers its signature value; the document timestamp the file', () => {
    const sigs = extractSignatures(final);
    sigs.slice(0, 3).forEach(({ der }, i) => {
      const { token, signatureValue } = signatureTimestamp(der);
      writeFileSync(join(dir, `ts${i}.der`), token);
      const digest = createHash('sha256').update(signatureValue).digest('hex');
      // prettier-ignore
      const r = run('openssl', [
        'ts', '-verify', '-digest', digest, '-token_in', '-in', join(dir, `ts${i}.der`),
        '-CAfile', join(dir, 'chain.pem'),
      ]);
      expect(r.stdout).toContain('Verification: OK');
    });
    const docTs = sigs[3]!;
    writeFileSync(join(dir, 'docts.der'), docTs.der);
    writeFileSync(join(dir, 'docts.bin'), docTs.signed);
    // prettier-ignore
    const r = run('openssl', [
      'ts', '-verify', '-data', join(dir, 'docts.bin'), '-token_in', '-in', join(dir, 'docts.der'),
      '-CAfile', join(dir, 'chain.pem'),
    ]);
    expect(r.stdout).toContain('Verification: OK');
  });

  it('our verifier: all valid, timestamped, chained to our root, with the identity binding', async () => {
    const reports = await verifyPdfSignatures({ pdf: final, trustedRoots: [pki.rootPem.certificate] });
    expect(reports.map((r) => [r.field, r.kind, r.integrity, r.timestamp, r.chainStatus])).toEqual([
      ['sig_lender', 'signature', 'valid', 'valid', 'valid'],
      ['sig_borrower', 'signature', 'valid', 'valid', 'valid'],
      ['sig_guarantor_1', 'signature', 'valid', 'valid', 'valid'],
      ['doc_timestamp', 'document-timestamp', 'valid', 'valid', 'valid'],
    ]);
    expect(reports.map((r) => r.coversWholeDocument)).toEqual([false, false, false, true]);
    expect(reports.every((r) => r.problems.length === 0)).toBe(true);
    expect(reports[1]!.chain).toEqual([
      expect.stringMatching(/^CN=Zhang San, serialNumber=[0-9a-f]{64}, OU=borrower/),
      'CN=Mianqian Platform Signing CA, O=Mianqian Platform, C=CN',
      'CN=Mianqian Platform Root CA, O=Mianqian Platform, C=CN',
    ]);
    expect(reports[2]!.signerBinding).toEqual({
      idNumberCommitment: createHash('sha256').update('salt:110101198805121235').digest('hex'),
      applicationId: 'app-42',
      role: 'guarantor',
    });
    for (const r of reports.slice(0, 3)) {
      expect(r.timestampTime).toBeInstanceOf(Date);
      expect(Math.abs(r.timestampTime!.getTime() - r.signingTime!.getTime())).toBeLessThan(2000);
    }
    // Without trust anchors everything still verifies, but nothing is trusted.
    const untrusted = await verifyPdfSignatures({ pdf: final });
    expect(untrusted.map((r) => [r.integrity, r.chainStatus])).toEqual(Array(4).fill(['valid', 'untrusted']));
  });

  it('no raw ID number in any certificate, and no signing-time attribute in any signature', () => {
    const text = final.toString('latin1');
    for (const id of ['110101199003071234', '110101198805121235']) expect(text).not.toContain(id);
    for (const { der } of extractSignatures(final).slice(0, 3)) {
      const info = new pkijs.ContentInfo({ schema: pkiEncoding.parseDer(der, 'cms') });
      const attrs = new pkijs.SignedData({ schema: info.content }).signerInfos[0]!.signedAttrs!.attributes;
      expect(attrs.map((a) => a.type).sort()).toEqual(
        [PKI_OIDS.contentType, PKI_OIDS.messageDigest, PKI_OIDS.signingCertificateV2].sort(),
      );
    }
  });

  it('a byte flipped in the first revision breaks every signature, for pdfsig and for us', async () => {
    const tampered = flipByteAt(final, '/ModDate (D:20260101000000Z)');
    const sigs = parsePdfsigOutput(pdfsig(tampered, 'tampered-1.pdf').stdout);
    expect(sigs.slice(0, 3).map((s) => s.signatureValidation)).toEqual(Array(3).fill('Digest Mismatch.'));
    const ours = await verifyPdfSignatures({ pdf: tampered, trustedRoots: [pki.rootPem.certificate] });
    expect(ours.map((r) => r.integrity)).toEqual([
      'digest-mismatch',
      'digest-mismatch',
      'digest-mismatch',
      'imprint-mismatch',
    ]);
  });

  it('a byte flipped in the third revision breaks only the guarantor signature (and the seal)', async () => {
    const thirdRevision = threeSigned.lastIndexOf('%%EOF', threeSigned.length - 7, 'latin1');
    const tampered = flipByteAt(final, '/Reason (Guarantor agrees)', thirdRevision);
    const sigs = parsePdfsigOutput(pdfsig(tampered, 'tampered-3.pdf').stdout);
    expect(sigs.slice(0, 3).map((s) => s.signatureValidation)).toEqual([
      'Signature is Valid.',
      'Signature is Valid.',
      'Digest Mismatch.',
    ]);
    const ours = await verifyPdfSignatures({ pdf: tampered, trustedRoots: [pki.rootPem.certificate] });
    expect(ours.map((r) => r.integrity)).toEqual(['valid', 'valid', 'digest-mismatch', 'imprint-mismatch']);
  });

  it('a byte flipped inside the first signature value: bad signature there, digest mismatch after', async () => {
    const { signatureValue } = signatureTimestamp(extractSignatures(final)[0]!.der);
    const at = final.indexOf(signatureValue.toString('hex').toUpperCase(), 0, 'latin1') + 20;
    const tampered = Buffer.from(final);
    tampered[at] = tampered[at] === 0x30 ? 0x31 : 0x30;
    const ours = await verifyPdfSignatures({ pdf: tampered, trustedRoots: [pki.rootPem.certificate] });
    expect(ours[0]!.integrity).toBe('bad-signature');
    expect(ours[0]!.timestamp).toBe('imprint-mismatch'); // the timestamp covered the original value
    // Later revisions cover the first signature's /Contents, so they break too.
    expect(ours.slice(1).map((r) => r.integrity)).toEqual([
      'digest-mismatch',
      'digest-mismatch',
      'imprint-mismatch',
    ]);
    const sigs = parsePdfsigOutput(pdfsig(tampered, 'tampered-sig.pdf').stdout);
    expect(sigs.slice(0, 3).map((s) => s.signatureValidation)).toEqual([
      'Signature is Invalid.',
      'Digest Mismatch.',
      'Digest Mismatch.',
    ]);
  });

  it('a revoked signer certificate is reported by chain status, not as an integrity failure', async () => {
    const revoked = await pki.ca.createCrl({
      revoked: [{ serial: pkiEncoding.serialHex(signers[1]!.certificate), date: new Date(), reason: 1 }],
    });
    const ours = await verifyPdfSignatures({
      pdf: final,
      trustedRoots: [pki.rootPem.certificate],
      crls: [revoked],
    });
    expect(ours.map((r) => [r.integrity, r.chainStatus])).toEqual([
      ['valid', 'valid'],
      ['valid', 'revoked'],
      ['valid', 'valid'],
      ['valid', 'valid'],
    ]);
  });

  it('a later archive cycle extends the DSS and adds a second document timestamp', async () => {
    const again = await finishLtv({
      pdf: final,
      chain: pki.ca.chain,
      crls: [await pki.ca.createCrl(), crls[1]!],
      tsa: pki.tsa,
      timestampField: 'doc_timestamp_2',
    });
    const ours = await verifyPdfSignatures({ pdf: again, trustedRoots: [pki.rootPem.certificate] });
    expect(ours.map((r) => [r.field, r.integrity, r.chainStatus])).toEqual([
      ['sig_lender', 'valid', 'valid'],
      ['sig_borrower', 'valid', 'valid'],
      ['sig_guarantor_1', 'valid', 'valid'],
      ['doc_timestamp', 'valid', 'valid'],
      ['doc_timestamp_2', 'valid', 'valid'],
    ]);
    const dss = /\/Type \/DSS[\s\S]*?\/Certs \[([^\]]*)\][\s\S]*?\/CRLs \[([^\]]*)\]/g;
    const [first, second] = [...again.toString('latin1').matchAll(dss)];
    const count = (refs: string | undefined) =>
      (refs ?? '')
        .trim()
        .split(/\s+R\s*/)
        .filter(Boolean).length;
    expect(count(second![1])).toBe(count(first![1])); // same certificates, not duplicated
    expect(count(second![2])).toBe(count(first![2]) + 1); // the new issuing-CA CRL added
  });

  it('parties may sign in any order; every signature still validates', async () => {
    let pdf = unsigned;
    for (const i of [2, 1, 0]) {
      pdf = await signPdfField({
        pdf,
        fieldName: FIELDS[i]!,
        signer: signers[i]!,
        keyStore: pki.keyStore,
        tsa: pki.tsa,
        signingTime: new Date(),
      });
    }
    // pdfsig lists signatures in AcroForm field order; our verifier in file (= signing) order.
    const sigs = parsePdfsigOutput(pdfsig(pdf, 'reversed.pdf').stdout);
    expect(sigs.map((s) => [s.fieldName, s.signatureValidation, s.totalDocumentSigned])).toEqual([
      ['sig_lender', 'Signature is Valid.', true],
      ['sig_borrower', 'Signature is Valid.', false],
      ['sig_guarantor_1', 'Signature is Valid.', false],
    ]);
    const ours = await verifyPdfSignatures({ pdf, trustedRoots: [pki.rootPem.certificate] });
    expect(ours.map((r) => [r.field, r.integrity])).toEqual([
      ['sig_guarantor_1', 'valid'],
      ['sig_borrower', 'valid'],
      ['sig_lender', 'valid'],
    ]);
  });

  it.skipIf(!existsSync(DEJAVU))('an embedded TrueType font shows non-Latin names, subset', async () => {
    const signer = await eventSigner(pki, 'Зоя Ёлкина', 'borrower', '110101199001013333');
    const pdf = await signPdfField({
      pdf: unsigned,
      fieldName: 'sig_borrower',
      signer,
      keyStore: pki.keyStore,
      tsa: pki.tsa,
      signingTime: new Date(),
      appearance: { font: readFileSync(DEJAVU) },
    });
    expect(pdf.length - unsigned.length).toBeLessThan(64 * 1024); // subset, not the 700 KB font
    writeFileSync(join(dir, 'font.pdf'), pdf);
    expect(run('pdffonts', [join(dir, 'font.pdf')]).stdout).toMatch(
      /\+DejaVuSans\s+CID TrueType\s+Identity-H\s+yes yes yes/,
    );
    const sigs = parsePdfsigOutput(pdfsig(pdf, 'font.pdf').stdout); // unsigned fields are listed too
    expect(sigs.find((s) => s.fieldName === 'sig_borrower')).toMatchObject({
      signerCommonName: 'Зоя Ёлкина',
      signatureValidation: 'Signature is Valid.',
    });
  });

  it('a /Contents reservation too small for the CMS is retried with the size needed', async () => {
    const pdf = await signPdfField({
      pdf: unsigned,
      fieldName: 'sig_borrower',
      signer: signers[1]!,
      keyStore: pki.keyStore,
      tsa: pki.tsa,
      signingTime: new Date(),
      contentsBytes: 1024,
    });
    const [sig] = extractSignatures(pdf);
    const hole = pdf.toString('latin1').match(/\/Contents <([0-9A-F]+)>/)![1]!;
    expect(hole.length / 2).toBeGreaterThan(sig!.der.length);
    expect(hole.length / 2 - sig!.der.length).toBeLessThan(1024 + 512);
    expect(parsePdfsigOutput(pdfsig(pdf, 'retried.pdf').stdout)[1]!.signatureValidation).toBe(
      'Signature is Valid.',
    );
  });

  it('refuses to sign a missing or already signed field', async () => {
    const args = { keyStore: pki.keyStore, tsa: pki.tsa, signer: pki.bank, signingTime: new Date() };
    await expect(signPdfField({ ...args, pdf: threeSigned, fieldName: 'sig_lender' })).rejects.toThrow(
      /already signed/,
    );
    await expect(signPdfField({ ...args, pdf: unsigned, fieldName: 'sig_nobody' })).rejects.toThrow(
      /no signature field/,
    );
  });

  it('timing: three B-T signatures per contract (render excluded)', async () => {
    const seal = makeTestSealPng();
    const runs: { sign: number; withCerts: number; ltv: number }[] = [];
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      const people = [
        pki.bank,
        await eventSigner(pki, 'Zhang San', 'borrower', '110101199003071234'),
        await eventSigner(pki, 'Li Si', 'guarantor', '110101198805121235'),
      ];
      const t1 = performance.now();
      const signed = await signContract(pki, unsigned, people, seal);
      const t2 = performance.now();
      await finishLtv({ pdf: signed, chain: pki.ca.chain, crls, tsa: pki.tsa });
      const t3 = performance.now();
      if (i > 0) runs.push({ sign: t2 - t1, withCerts: t2 - t0, ltv: t3 - t2 }); // first run warms up
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const fmt = (k: keyof (typeof runs)[number]) => `${median(runs.map((r) => r[k])).toFixed(1)} ms`;
    console.log(
      `[pades timing, ${runs.length} runs, median] three signatures: ${fmt('sign')}; ` +
        `with per-event keys+certificates: ${fmt('withCerts')}; DSS + document timestamp: ${fmt('ltv')}`,
    );
    expect(runs).toHaveLength(5);
  });
});

describe('multi-party PAdES signing (RSA-2048)', () => {
  it('pdfsig and openssl accept RSA signatures too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mianqian-pades-rsa-'));
    try {
      const pki = await makePki('RSA-2048');
      const signers = [
        pki.bank,
        await eventSigner(pki, 'Wang Wu', 'borrower', '110101199001011111'),
        await eventSigner(pki, 'Zhao Liu', 'guarantor', '110101199001012222'),
      ];
      const signed = await signContract(pki, await makeTestContractPdf(), signers, makeTestSealPng());
      writeFileSync(join(dir, 'rsa.pdf'), signed);
      const sigs = parsePdfsigOutput(run('pdfsig', [join(dir, 'rsa.pdf')]).stdout);
      expect(sigs.map((s) => s.signatureValidation)).toEqual(Array(3).fill('Signature is Valid.'));
      expect(sigs.map((s) => s.totalDocumentSigned)).toEqual([false, false, true]);
      writeFileSync(join(dir, 'chain.pem'), pki.ca.chainPem());
      const [{ der, signed: content }] = extractSignatures(signed) as [{ der: Buffer; signed: Buffer }];
      writeFileSync(join(dir, 'sig.der'), der);
      writeFileSync(join(dir, 'sig.bin'), content);
      // prettier-ignore
      const r = run('openssl', [
        'cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'sig.der'),
        '-content', join(dir, 'sig.bin'), '-CAfile', join(dir, 'chain.pem'), '-out', '/dev/null',
      ]);
      expect(r.stderr).toContain('Verification successful');
      const ours = await verifyPdfSignatures({ pdf: signed, trustedRoots: [pki.rootPem.certificate] });
      expect(ours.map((x) => [x.integrity, x.timestamp, x.chainStatus])).toEqual(
        Array(3).fill(['valid', 'valid', 'valid']),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
