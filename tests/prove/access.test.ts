import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_INTENT_VERSION } from '../../src/contracts/loan-contracts.schema';
import type { Role } from '../../src/core/accounts/roles';
import {
  buildAccessWorld,
  intruders,
  paramValue,
  type AccessWorld,
  type OwnedObjects,
} from '../support/access-world';
import { individualDetails, pdf } from '../support/fixtures';
import { dbTargets, TestClient, uniqueMobile, type Answer } from '../support/test-platform';

/**
 * Access control over the whole route table (ASVS 8.2.1/8.2.2, 16.3.2; MLPS 8.1.4.2): every API route
 * that names an object is called with other people's real ids — an approved, signed and sealed loan
 * with its documents, guarantor, conditions and ledger entries, a booked interview and its slot, a
 * collateral item, a passkey, a session, a consent, a notification, a seal authorisation — by someone
 * anonymous and by an unrelated account of every role. Reads that list things are checked for other
 * people's ids. Nobody unrelated gets a 2xx, except staff on routes that name their role (they work on
 * every application by design; the suite prints which); the owners' data is byte-for-byte unchanged;
 * and every refusal has its own log line saying who, which route and what happened.
 */

type Access = 'public' | 'authenticated' | readonly string[];
interface Route {
  method: string;
  url: string;
  access: Access;
}
const isBorrower = (role: string) => role.startsWith('borrower');
const hex64 = '0'.repeat(64);

/**
 * Bodies a real caller would send, so that a refusal comes from the ownership check and not from the
 * schema (the suite also counts how many answers were schema refusals).
 */
function requestFor(
  r: Route,
  o: OwnedObjects,
): { body?: unknown; query?: string; headers?: Record<string, string> } {
  const bodies: Record<string, unknown> = {
    'PUT /api/applications/:id': { version: 1, details: individualDetails() },
    'POST /api/applications/:id/submit': {},
    'POST /api/applications/:id/withdraw': { reason: '不想要了' },
    'POST /api/applications/:id/guarantors': { name: '王五', mobile: uniqueMobile(), relationship: 'spouse' },
    'POST /api/applications/:id/guarantors/:invitationId/withdraw': {},
    'POST /api/guarantees/:invitationId/accept': { consentVersion: 'v1', consentSha256: hex64 },
    'POST /api/guarantees/:invitationId/decline': { reason: '不同意' },
    'POST /api/applications/:id/interview': { slotId: o.slotId },
    'POST /api/applications/:id/interview/cancel': { reason: '有事' },
    'POST /api/interviews/:id/join': {},
    'POST /api/contracts/:id/sign': {
      contentHash: o.contentHash,
      agreed: true,
      intentVersion: SIGNING_INTENT_VERSION,
    },
    'POST /api/applications/:id/revised-terms/answer': { decision: 'accept', disclosureSha256: hex64 },
    'POST /api/identity/face-checks/:id/frames': { frames: [] },
    'PUT /api/security/passkeys/:id/name': { name: '偷改的名字' },
  };
  const key = `${r.method} ${r.url}`;
  if (key === 'POST /api/applications/:id/documents')
    return { body: pdf, query: '?kind=other&filename=x.pdf', headers: { 'content-type': 'application/pdf' } };
  if (key in bodies) return { body: bodies[key] };
  return { body: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} };
}

describe.each(dbTargets())('access on %s: every route × every role × other people’s objects', (target) => {
  let w: AccessWorld;
  let o: OwnedObjects;
  let as: Record<Role, TestClient>;
  let routes: Route[];

  beforeAll(async () => {
    const t0 = Date.now();
    w = await buildAccessWorld(target);
    o = w.owned;
    as = await intruders(w);
    routes = (w.app.routeTable as Route[]).filter(
      (r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD',
    );
    console.log(`access[${target}]: world built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });
  afterAll(() => w?.platform.close());

  it('gives nobody unrelated a 2xx on another’s object, logs every refusal, and changes nothing', async () => {
    const t0 = Date.now();
    const callers: [string, Role | 'anonymous', TestClient][] = [
      ['anonymous', 'anonymous', new TestClient(w.app)],
      ...Object.entries(as).map(([role, c]) => [role, role as Role, c] as [string, Role, TestClient]),
    ];
    const ownedIds = Object.values(w.owned).filter(
      (v): v is string => typeof v === 'string' && v.length >= 16,
    );
    await w.settle();
    const before = await fingerprint(w);
    const failures: string[] = [];
    const byDesign: { route: Route; role: Role; client: TestClient }[] = [];
    const denials: { answer: Answer; route: Route; accountId: string | null }[] = [];
    let calls = 0;
    let schemaRefusals = 0;
    const withParams = routes.filter((r) => r.access !== 'public' && r.url.includes(':'));
    // Reads that list things (no object named): checked for other people's ids. Writes without an
    // object act on the caller's own account (authorization.test.ts checks their role rules).
    const lists = routes.filter((r) => r.access !== 'public' && !r.url.includes(':') && r.method === 'GET');
    const kinds = new Set<string>();
    const ordered = [...withParams].sort((a, b) => Number(a.method !== 'GET') - Number(b.method !== 'GET'));

    for (const r of [...lists, ...ordered]) {
      const url = r.url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
        kinds.add(name === 'id' ? r.url.split('/:id')[0]! : name);
        return paramValue(o, r.url, name);
      });
      for (const [who, role, client] of callers) {
        const named =
          role !== 'anonymous' &&
          (r.access === 'authenticated' || (r.access as readonly string[]).includes(role));
        // A list a borrower may read is a list of the caller's own things, for staff named on it too.
        const ownList =
          !r.url.includes(':') &&
          (r.access === 'authenticated' || (r.access as readonly string[]).some(isBorrower));
        const staffByDesign = named && !isBorrower(role) && r.access !== 'authenticated' && !ownList;
        if (staffByDesign) {
          byDesign.push({ route: r, role: role as Role, client });
          continue;
        }
        const req = requestFor(r, o);
        const answer = await client.call(r.method, url + (req.query ?? ''), req.body, req.headers);
        calls++;
        const code = (answer.body as { error?: { code?: string } })?.error?.code;
        const line = `${who} ${r.method} ${r.url} → ${answer.status} ${code ?? ''}`;
        if (answer.status >= 500) failures.push(`${line}: server error`);
        if (answer.status === 400 && code === 'VALIDATION_FAILED') schemaRefusals++;
        if ([401, 403, 404].includes(answer.status))
          denials.push({ answer, route: r, accountId: client.accountId ?? null });
        if (role === 'anonymous') {
          if (answer.status !== 401) failures.push(`${line}: anonymous must get 401`);
          continue;
        }
        if (!named) {
          if (answer.status !== 403 || code !== 'FORBIDDEN')
            failures.push(`${line}: role not named, must be 403`);
          continue;
        }
        if (!r.url.includes(':')) {
          // A list of the caller's own things: nobody else's ids in it.
          const text = JSON.stringify(answer.body);
          const leaked = ownedIds.filter((id) => text.includes(id));
          if (leaked.length > 0) failures.push(`${line}: lists another's ${leaked.length} id(s)`);
          continue;
        }
        if (answer.status < 400) failures.push(`${line}: UNAUTHORISED ${answer.status}`);
        else if (r.method === 'GET' && ![403, 404].includes(answer.status))
          failures.push(`${line}: a read of another's object must be 403/404`);
        else if (![400, 403, 404].includes(answer.status))
          failures.push(`${line}: answers about another's object beyond 400/403/404`);
      }
    }

    // Nothing of the owners' changed: the refused writes wrote nothing.
    await w.settle();
    const after = await fingerprint(w);
    const changed = Object.keys(before).filter((t) => before[t] !== after[t]);

    // Every refusal has its own line: request id, 'access denied', who, route template, outcome.
    const logged = denials.filter(({ answer, route, accountId }) => {
      const id = answer.headers['x-request-id'];
      const code = (answer.body as { error?: { code?: string } }).error?.code;
      return w.logs.some(
        (l) =>
          l.reqId === id &&
          l.msg === 'access denied' &&
          l.route === route.url &&
          l.method === route.method &&
          l.status === answer.status &&
          l.code === code &&
          l.accountId === accountId,
      );
    });

    // And they say nothing more: no URL with ids or a query, no body, nothing personal.
    const allowedKeys = 'level time pid hostname reqId code status method route accountId role msg';
    const wordy = w.logs
      .filter((l) => l.msg === 'access denied')
      .filter((l) => Object.keys(l).some((k) => !allowedKeys.split(' ').includes(k)));
    expect(wordy).toEqual([]);

    // Staff on routes naming their role: allowed by design; say which reads and writes answered 2xx.
    const staffOk = new Map<string, Set<string>>();
    let staffCalls = 0;
    for (const { route: r, role, client } of byDesign.sort(
      (a, b) => Number(a.route.method !== 'GET') - Number(b.route.method !== 'GET'),
    )) {
      const url = r.url.replace(/:([A-Za-z]+)/g, (_, name: string) => paramValue(o, r.url, name));
      const req = requestFor(r, o);
      const answer = await client.call(r.method, url + (req.query ?? ''), req.body, req.headers);
      staffCalls++;
      if (answer.status >= 500)
        failures.push(`${role} ${r.method} ${r.url} → ${answer.status}: server error`);
      if (answer.status < 300) {
        const key = `${r.method} ${r.url}`;
        staffOk.set(key, (staffOk.get(key) ?? new Set()).add(role));
      }
    }

    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(
      `access[${target}]: ${ordered.length} routes naming objects (${kinds.size} object kinds) + ${lists.length} list reads × ` +
        `${callers.length} callers (anonymous + 6 roles) = ${calls} calls with other people's ids, ` +
        `${failures.filter((f) => f.includes('UNAUTHORISED')).length} unauthorised 2xx, ` +
        `${logged.length}/${denials.length} denials logged, ${schemaRefusals} schema refusals, ` +
        `${changed.length} owner tables changed; ${staffCalls} staff calls by design, ` +
        `${staffOk.size} staff routes answering 2xx on another's object by design (${seconds} s)`,
    );
    console.log(
      `access[${target}]: staff 2xx by design: ${[...staffOk].map(([k, v]) => `${k} [${[...v].sort().join(',')}]`).join('; ')}`,
    );
    expect(failures).toEqual([]);
    expect(changed).toEqual([]);
    expect(denials.length).toBeGreaterThan(500);
    expect(logged.length).toBe(denials.length);
  });
});

/**
 * A digest of every table the owners' data lives in. Tables that a refused request legitimately
 * touches are left out: sessions (the intruders' own idle timers slide), rate-limit counters, and
 * second-factor attempt counters.
 */
async function fingerprint(w: AccessWorld): Promise<Record<string, string>> {
  const db = w.platform.infra.database.db;
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const skip = /^(sessions|rate_limits?|kysely_migration.*)$/;
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    if (skip.test(name)) continue;
    const rows = await sql<{ row: unknown }>`select to_jsonb(t) as row from ${sql.table(name)} t`.execute(db);
    const lines = rows.rows.map((r) => JSON.stringify(r.row)).sort();
    out[name] = createHash('sha256').update(lines.join('\n')).digest('hex');
  }
  return out;
}
