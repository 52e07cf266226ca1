import { readFileSync } from 'node:fs';
import { verifyReceipt } from '../core/ledger/evidence-package/verify-receipt';
import { verifyPackageBytes } from './verify-package';

const usage =
  'usage: mianqian verify <package.zip | receipt.tlog-proof> --vkey <file> [--witness-vkey <file>]…';

/**
 * `mianqian verify <package.zip | receipt.tlog-proof> --vkey <file>`: checks an evidence package (or
 * one borrower's receipt) offline, with no server.
 * Exit 0 when every check passes; 1 naming each failing item; 2 for a usage error.
 */
export function verifyCommand(args: {
  path: string | undefined;
  vkey: string | undefined;
  witnessVkeys: string[];
}): number {
  if (!args.path || !args.vkey) {
    console.error(usage);
    return 2;
  }
  let zip: Buffer;
  let logVkey: string;
  let witnessVkeys: string[];
  try {
    zip = readFileSync(args.path);
    logVkey = readFileSync(args.vkey, 'utf8').trim();
    witnessVkeys = args.witnessVkeys.map((f) => readFileSync(f, 'utf8').trim());
  } catch (e) {
    console.error(`mianqian verify: ${(e as Error).message}`);
    return 2;
  }
  const isZip = zip.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const { ok, checks } = isZip
    ? verifyPackageBytes(zip, { logVkey, witnessVkeys })
    : verifyReceipt(zip.toString('utf8'), { logVkey, witnessVkeys });
  const failed = checks.filter((c) => !c.ok);
  for (const c of failed) console.log(`FAIL  ${c.item}: ${c.reason}`);
  if (ok) {
    console.log(
      `OK  ${checks.length} checks passed: ${args.path} is intact and every entry is in the signed log.`,
    );
    return 0;
  }
  console.log(`${failed.length} of ${checks.length} checks failed.`);
  return 1;
}
