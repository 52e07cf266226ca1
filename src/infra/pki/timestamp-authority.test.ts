import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformCa } from './platform-ca';
import { SoftwareKeyStore } from './software-key-store';
import { PlatformTimestampAuthority } from './timestamp-authority';
import { verifyTimestampToken } from './verify-timestamp-token';

function openssl(...args: string[]) {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  if (r.error) throw r.error;
  return `${r.stdout}\n${r.stderr}`;
}

describe('PlatformTimestampAuthority', () => {
  let dir: string;
  let tsa: PlatformTimestampAuthority;
  const clock = () => new Date('2026-03-01T08:00:00.750Z');
  const at = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mianqian-tsa-'));
    const keyStore = new SoftwareKeyStore();
    const { ca } = await PlatformCa.bootstrap({ keyStore, clock });
    tsa = await PlatformTimestampAuthority.create({ ca, keyStore, clock });
    writeFileSync(at('chain.pem'), ca.chainPem());
    writeFileSync(at('data.txt'), 'contract bytes');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers an openssl TimeStampReq; openssl ts -verify says OK', async () => {
    writeFileSync(
      at('req.tsq'),
      spawnSync('openssl', ['ts', '-query', '-data', at('data.txt'), '-sha256', '-cert']).stdout,
    );
    writeFileSync(at('resp.tsr'), await tsa.respond(readFileSync(at('req.tsq'))));
    const text = openssl('ts', '-reply', '-in', at('resp.tsr'), '-text');
    expect(text).toContain('Status: Granted.');
    expect(text).toContain('Time stamp: Mar  1 08:00:00 2026 GMT'); // whole seconds, from the clock
    expect(text).toContain('Accuracy: 0x01 seconds');
    expect(text).toContain('Policy OID: 2.25.240808694137077263779497620948868851240.1.2');
    const verify = (ts: number) =>
      openssl(
        ...`ts -verify -in ${at('resp.tsr')} -queryfile ${at('req.tsq')} -attime ${ts}`.split(' '),
        '-CAfile',
        at('chain.pem'),
      );
    expect(verify(Math.floor(clock().getTime() / 1000))).toContain('Verification: OK');
  });

  it('timestamp(imprint, nonce) returns a response; token() the bare token; both verify', async () => {
    const imprint = createHash('sha256').update('contract bytes').digest();
    writeFileSync(at('resp2.tsr'), await tsa.timestamp(imprint, 0x1234_5678_9abcn));
    expect(openssl('ts', '-reply', '-in', at('resp2.tsr'), '-text')).toContain('Nonce: 0x123456789ABC');
    const token = await tsa.token(imprint);
    writeFileSync(at('token.der'), token);
    const time = String(Math.floor(clock().getTime() / 1000));
    const args = `ts -verify -digest ${imprint.toString('hex')} -token_in -in ${at('token.der')} -attime ${time}`;
    expect(openssl(...args.split(' '), '-CAfile', at('chain.pem'))).toContain('Verification: OK');
    const ours = verifyTimestampToken({ token, data: [Buffer.from('contract bytes')] });
    expect([ours.status, ours.genTime?.toISOString(), ours.problems]).toEqual([
      'valid',
      '2026-03-01T08:00:00.000Z',
      [],
    ]);
    expect(verifyTimestampToken({ token, data: [Buffer.from('other bytes')] }).status).toBe(
      'imprint-mismatch',
    );
  });

  it('rejects (with a response, not an exception) requests it cannot honour', async () => {
    writeFileSync(
      at('sha1.tsq'),
      spawnSync('openssl', ['ts', '-query', '-data', at('data.txt'), '-sha1']).stdout,
    );
    writeFileSync(at('sha1.tsr'), await tsa.respond(readFileSync(at('sha1.tsq'))));
    expect(openssl('ts', '-reply', '-in', at('sha1.tsr'), '-text')).toContain('Status: Rejected.');
    writeFileSync(at('junk.tsr'), await tsa.respond(Buffer.from('not DER')));
    expect(openssl('ts', '-reply', '-in', at('junk.tsr'), '-text')).toContain('Rejected');
  });
});
