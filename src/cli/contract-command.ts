import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { commitValue } from '../core/ledger/evidence/commit-value';
import { describeContractDocument, renderContractModel } from '../core/contract/loan-contract-template';
import { sampleContractData } from '../core/contract/sample-contract-data';
import type { ContractLocale } from '../core/contract/contract-data';
import { loadCjkFont } from '../infra/pdf/load-cjk-font';
import { renderContractPdf } from '../infra/pdf/render-contract-pdf';
import { loadPlatformPki } from '../infra/pki/load-platform-pki';
import { signContract } from '../infra/pki/sign-contract';
import { verifyPdfSignatures } from '../infra/pki/verify-pdf-signatures';

const usage = `usage:
  mianqian contract sample --out <pdf> [--locale zh-CN|en] [--data-dir <dir>]
  mianqian contract verify <pdf> [--root <pem>] [--data-dir <dir>]`;

/**
 * `mianqian contract sample`: renders the sample three-party contract and signs it through the real
 * signing path (platform CA, TSA, PAdES, DSS and document timestamp) with generated test identities —
 * a smoke test of a deployment's signing set-up. Writes the PDF and, beside it, the root certificate.
 *
 * `mianqian contract verify`: reports each signature (signer, claimed and proven time, timestamp,
 * chain, integrity); exit 0 only when every signature is intact and chains to the trusted root.
 */
export async function contractCommand(
  argv: string[],
  { dataDir, pkiDir }: { dataDir: string; pkiDir?: string | undefined },
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        locale: { type: 'string', default: 'zh-CN' },
        root: { type: 'string' },
        'data-dir': { type: 'string' },
      },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [sub, file] = positionals;
  const dir = values['data-dir'] ?? dataDir;
  if (sub === 'sample') {
    if (!values.out || !['zh-CN', 'en'].includes(values.locale)) {
      console.error(usage);
      return 2;
    }
    const started = performance.now();
    const data = sampleContractData(values.locale as ContractLocale);
    const info = describeContractDocument(data);
    let font: Buffer;
    let pki: Awaited<ReturnType<typeof loadPlatformPki>>;
    try {
      font = await loadCjkFont();
      pki = await loadPlatformPki({ dataDir: dir, configured: pkiDir });
    } catch (e) {
      console.error(`mianqian contract sample: ${(e as Error).message}`);
      return 1;
    }
    const pdf = await renderContractPdf(renderContractModel(data), { font, ...info });
    // Test identities: the certificates carry commitments to (made-up) ID numbers, never the numbers.
    const commit = (idNumber: string) => commitValue(randomBytes(32), idNumber);
    const signed = await signContract({
      pdf,
      pki,
      locale: data.locale,
      bankName: data.lender.name,
      parties: [
        { fieldName: 'sig_lender', role: 'lender' },
        {
          fieldName: 'sig_borrower',
          role: 'borrower',
          name: data.signers[1]!.displayName,
          idNumberCommitment: commit('110105198803154214'),
          applicationId: data.contractNumber,
        },
        {
          fieldName: 'sig_guarantor_1',
          role: 'guarantor',
          name: data.signers[2]!.displayName,
          idNumberCommitment: commit('110108198507221637'),
          applicationId: data.contractNumber,
        },
      ],
    });
    writeFileSync(values.out, signed);
    writeFileSync(`${values.out}.root.pem`, pki.rootCertificate);
    console.log(
      `Wrote ${values.out} (${signed.length} bytes, 3 signatures + document timestamp, ${Math.round(performance.now() - started)} ms)` +
        `\nTrusted root: ${values.out}.root.pem — check with: mianqian contract verify ${values.out} --root ${values.out}.root.pem`,
    );
    return 0;
  }
  if (sub === 'verify') {
    if (!file) {
      console.error(usage);
      return 2;
    }
    let pdf: Buffer;
    let root: string;
    try {
      pdf = readFileSync(file);
      root = values.root
        ? readFileSync(values.root, 'utf8')
        : (await loadPlatformPki({ dataDir: dir, configured: pkiDir })).rootCertificate;
    } catch (e) {
      console.error(`mianqian contract verify: ${(e as Error).message}`);
      return 2;
    }
    const reports = await verifyPdfSignatures({ pdf, trustedRoots: [root] });
    if (reports.length === 0) {
      console.log('No signatures found.');
      return 1;
    }
    let ok = true;
    for (const r of reports) {
      const good =
        r.integrity === 'valid' &&
        r.chainStatus === 'valid' &&
        (r.kind !== 'signature' || r.timestamp === 'valid');
      ok &&= good;
      console.log(
        `${good ? 'OK  ' : 'FAIL'} #${r.index} ${r.kind} ${r.field ?? ''} — signer: ${r.signer ?? '?'}; ` +
          `claimed time: ${r.signingTime?.toISOString() ?? '—'}; timestamp: ${r.timestamp} ${r.timestampTime?.toISOString() ?? ''}; ` +
          `chain: ${r.chainStatus} (${r.chain.join(' → ')}); integrity: ${r.integrity}` +
          `${r.coversWholeDocument ? '; covers the whole document' : ''}` +
          `${r.problems.length ? `; problems: ${r.problems.join('; ')}` : ''}`,
      );
    }
    // Every signature can be intact while bytes after the last one (an appended revision, or a
    // signature dictionary made unrecognisable) are covered by none: the file is then not what was signed.
    if (!reports.some((r) => r.coversWholeDocument)) {
      ok = false;
      console.log('FAIL  no signature covers the whole file: it was changed after the last signature');
    }
    return ok ? 0 : 1;
  }
  console.error(usage);
  return 2;
}
