import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, publicBaseUrl } from '../config';
import { DEFAULT_BANK, runPkiCeremony } from '../infra/pki/pki-ceremony';

const usage = `usage:
  mianqian pki ceremony --out <dir> [--bank-name <name>] [--bank-credit-code <code>] [--public-url <url>]`;

/**
 * `mianqian pki ceremony`: the key ceremony for a production deployment, into a new or empty
 * directory (never over an existing PKI). Creates the root and issuing CA, the root's CRL, the bank's
 * seal, and the timestamp authority's and OCSP responder's keys and certificates; prints which files
 * become PKI_DIR and that the root key must be taken offline.
 */
export async function pkiCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        'bank-name': { type: 'string' },
        'bank-credit-code': { type: 'string' },
        'public-url': { type: 'string' },
      },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals[0] !== 'ceremony' || positionals.length !== 1 || !values.out) {
    console.error(usage);
    return 2;
  }
  let publicUrl: string | undefined;
  try {
    publicUrl =
      values['public-url'] === undefined ? undefined : publicBaseUrl(values['public-url'], '--public-url');
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(`mianqian pki ceremony: ${e.message}`);
    return 2;
  }
  const bankName = values['bank-name'] ?? DEFAULT_BANK.name;
  if (!bankName.trim()) {
    console.error('mianqian pki ceremony: --bank-name must not be empty');
    return 2;
  }
  const dir = resolve(values.out);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    console.error(
      `mianqian pki ceremony: ${dir} is not empty; the ceremony writes only into a new or empty directory`,
    );
    return 1;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { online, offline } = await runPkiCeremony({
    dir,
    bankName,
    bankCreditCode: values['bank-credit-code'] ?? DEFAULT_BANK.creditCode,
    publicUrl,
  });
  console.log(
    [
      `Key ceremony done in ${dir}.`,
      '',
      'Online (the server reads these; point PKI_DIR at a directory holding exactly them):',
      ...online.map((f) => `  ${f}`),
      '',
      'OFFLINE — the root CA private key. Move it now to offline storage (a safe, an air-gapped',
      'machine or an HSM backup) and delete it here; it is needed only for the next ceremony',
      '(a new issuing CA, the root CRL). It must never be in PKI_DIR:',
      ...offline.map((f) => `  ${f}`),
      '',
      publicUrl
        ? `Certificates point at ${publicUrl}/api/pki/…: set PKI_PUBLIC_URL=${publicUrl} on the servers.`
        : 'No --public-url: certificates carry no OCSP or caIssuers URL (set it, and PKI_PUBLIC_URL, to publish them).',
      `Relying parties trust root.crt.pem (also served at /api/pki/root.crt).`,
    ].join('\n'),
  );
  return 0;
}
