import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { FuzzCaller } from './callers';
import { casesFor, type FuzzCase, type RawBody } from './cases';
import { createResponseChecker } from './check-response';
import type { Operation } from './openapi';

export interface Violation {
  operation: string;
  family: string;
  caseIndex: number;
  status: number;
  problems: string[];
  request: string;
  answer: string;
}

export interface FuzzFigures {
  operations: number;
  cases: number;
  statuses: Record<string, number>;
  families: Record<string, number>;
  fiveHundreds: number;
  violations: number;
  recoveries: number;
  ms: number;
  /** Milliseconds spent generating cases, and the slowest operations with their milliseconds. */
  generationMs: number;
  familyMs: Record<string, number>;
  slowest: [string, number][];
}

/** Violations grouped by operation, status and kind of problem, with one example each. */
export interface ViolationGroup {
  signature: string;
  count: number;
  example: Violation;
}

/** UUIDs and the 22-character session ids: what path parameters name. */
const ID_LIKE = /^[A-Za-z0-9_-]{8,64}$/;
const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encodes the UTF-8 bytes of any text (a lone surrogate becomes U+FFFD, as a browser sends it). */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && UNRESERVED.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A per-operation seed, so that one operation's cases can be replayed alone. */
export function operationSeed(seed: number, key: string): number {
  let h = seed | 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return h;
}

/** Collects ids from a successful answer: `id` and `…Id` fields holding UUIDs. */
function harvest(caller: FuzzCaller, value: unknown, depth = 0): void {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value.slice(0, 10)) harvest(caller, v, depth + 1);
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && ID_LIKE.test(v) && (k === 'id' || k.endsWith('Id'))) {
      caller.remember(k, v);
      caller.remember('id', v);
    } else harvest(caller, v, depth + 1);
  }
}

export interface FuzzOptions {
  app: FastifyInstance;
  operations: Operation[];
  casesPerOperation: number;
  seed: number;
  /** The caller for each operation: a logged-in account of a role the route lets in. */
  callerFor: (op: Operation) => FuzzCaller;
  /** Whether ids seen in this operation's answers may be reused as path ids (not for admin listings). */
  harvestsFrom: (op: Operation) => boolean;
  /** Bodies that the document does not describe (raw uploads). */
  rawBodiesFor: (op: Operation) => RawBody[];
  /** Every operation of the document, to check requests whose path resolves to another one (default: `operations`). */
  allOperations?: Operation[];
  /** Requests in flight at once (PostgreSQL gains from a few; PGlite answers one at a time). */
  concurrency?: number;
  maxViolationsKept?: number;
}

/**
 * Sends every operation its seeded cases through app.inject() and checks each answer against the
 * document. Answers that show the fuzz broke the caller's session (401, step-up needed, second
 * factor no longer enrolled) still count as cases and are checked; the caller is then recovered so
 * that the following cases reach validation and the handler again.
 */
export async function runFuzz(
  options: FuzzOptions,
): Promise<{ figures: FuzzFigures; violations: Violation[]; groups: ViolationGroup[] }> {
  const { app, operations, casesPerOperation, seed } = options;
  const documentedOperations = options.allOperations ?? operations;
  const check = createResponseChecker();
  const started = Date.now();
  const statuses: Record<string, number> = {};
  const families: Record<string, number> = {};
  const familyMs: Record<string, number> = {};
  const violations: Violation[] = [];
  let violationCount = 0;
  let fiveHundreds = 0;
  let recoveries = 0;
  let cases = 0;
  let generationMs = 0;
  const opMs: [string, number][] = [];
  const groups = new Map<string, ViolationGroup>();
  const record = (v: Violation) => {
    violationCount++;
    if (violations.length < (options.maxViolationsKept ?? 200)) violations.push(v);
    const kind = v.problems.map((x) => x.replace(/:.*$/s, '').replace(/\d{3} schema/, 'schema')).join('; ');
    const signature = `${v.operation} → ${v.status}: ${kind}`;
    const group = groups.get(signature);
    if (group) group.count++;
    else groups.set(signature, { signature, count: 1, example: v });
  };

  for (const op of operations) {
    const opStarted = Date.now();
    const samples = fc.sample(casesFor(op, options.rawBodiesFor(op)), {
      seed: operationSeed(seed, op.key),
      numRuns: casesPerOperation,
    });
    generationMs += Date.now() - opStarted;
    const caller = options.callerFor(op);
    const send = async (c: FuzzCase, caseIndex: number) => {
      const sent = Date.now();
      const request = toRequest(op, c, caller);
      let res;
      try {
        res = await app.inject({
          method: op.method as 'GET',
          url: request.url,
          headers: {
            ...(caller.client.cookie ? { cookie: caller.client.cookie } : {}),
            ...(caller.client.csrf ? { 'x-csrf-token': caller.client.csrf } : {}),
            ...(c.contentType !== undefined ? { 'content-type': c.contentType } : {}),
          },
          ...(request.payload !== undefined ? { payload: request.payload } : {}),
        });
      } catch (e) {
        record({
          operation: op.key,
          family: c.family,
          caseIndex,
          status: 0,
          problems: [`inject threw: ${(e as Error).message}`],
          request: describe(request),
          answer: '',
        });
        return;
      }
      cases++;
      families[c.family] = (families[c.family] ?? 0) + 1;
      familyMs[c.family] = (familyMs[c.family] ?? 0) + Date.now() - sent;
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      if (res.statusCode >= 500) fiveHundreds++;
      const contentType = String(res.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim();
      // A `.`/`..` segment or a raw `/` in a path parameter may make the URL name another path
      // (light-my-request resolves some dot segments before routing, as a proxy would): the answer
      // then has to be this operation's, the one the resolved path names, or the router's JSON 404.
      const own = check(op, { status: res.statusCode, contentType, body: res.body });
      const elsewhere = request.leavesOperation
        ? operationAt(documentedOperations, op.method, request.url)
        : undefined;
      const problems =
        own.length === 0 || !request.leavesOperation
          ? own
          : (elsewhere &&
                check(elsewhere, { status: res.statusCode, contentType, body: res.body }).length === 0) ||
              (res.statusCode === 404 && res.body.includes('"ROUTE_NOT_FOUND"'))
            ? []
            : own;
      if (problems.length) {
        record({
          operation: op.key,
          family: c.family,
          caseIndex,
          status: res.statusCode,
          problems,
          request: describe(request),
          answer: res.body.slice(0, 300),
        });
      }
      if (res.statusCode < 300 && contentType === 'application/json' && options.harvestsFrom(op)) {
        try {
          harvest(caller, JSON.parse(res.body));
        } catch {
          // Already reported by the checker.
        }
      }
      return res.statusCode === 401 || res.statusCode === 403
        ? (JSON.parse(res.body) as { error?: { code?: string } }).error?.code
        : undefined;
    };
    const needsRecovery = new Set([
      'UNAUTHENTICATED',
      'SECOND_FACTOR_PENDING',
      'STEP_UP_REQUIRED',
      'SECOND_FACTOR_NOT_ENROLLED',
    ]);
    const width = Math.max(1, options.concurrency ?? 1);
    for (let i = 0; i < samples.length; i += width) {
      const batch = samples.slice(i, i + width);
      const codes = await Promise.all(batch.map((c, j) => send(c, i + j).catch(() => undefined)));
      const broken = codes.find((code) => code !== undefined && needsRecovery.has(code));
      if (broken) {
        if (await caller.repairAfter(broken)) recoveries++;
      }
    }
    opMs.push([op.key, Date.now() - opStarted]);
  }
  return {
    figures: {
      operations: operations.length,
      cases,
      statuses,
      families,
      fiveHundreds,
      violations: violationCount,
      recoveries,
      ms: Date.now() - started,
      generationMs,
      familyMs,
      slowest: opMs.sort((a, b) => b[1] - a[1]).slice(0, process.env.MIANQIAN_FUZZ_DEBUG ? 200 : 8),
    },
    violations,
    groups: [...groups.values()].sort((a, b) => b.count - a.count),
  };
}

/** The documented operation a URL names after dot segments are resolved, if any. */
function operationAt(operations: Operation[], method: string, url: string): Operation | undefined {
  let pathname: string;
  try {
    pathname = new URL(url, 'http://fuzz.invalid').pathname;
  } catch {
    return undefined;
  }
  return operations.find(
    (o) =>
      o.method === method &&
      new RegExp(
        `^${o.path
          .split(/(\{[^}]+\})/)
          .map((part) =>
            part === '{*}'
              ? '.+'
              : part.startsWith('{')
                ? '[^/]+'
                : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
          )
          .join('')}$`,
      ).test(pathname),
  );
}

interface BuiltRequest {
  url: string;
  /** The path no longer has the operation's shape: a `.` or `..` segment, or a raw `/` in a parameter. */
  leavesOperation: boolean;
  payload?: string | Buffer;
  contentType?: string;
}

function toRequest(op: Operation, c: FuzzCase, caller: FuzzCaller): BuiltRequest {
  const url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = c.path[name];
    if (!v) return 'missing';
    if (v.kind === 'existing') {
      const pool =
        caller.ids.get(name) ?? (name === 'id' || name.endsWith('Id') ? caller.ids.get('id') : undefined);
      const text = pool?.length ? pool[v.pick % pool.length]! : String(v.pick % 3);
      return percentEncode(text);
    }
    // A wildcard keeps its slashes; everything else is one encoded segment unless the case is raw on purpose.
    if (v.isRaw) return v.text;
    return name === '*' ? v.text.split('/').map(percentEncode).join('/') : percentEncode(v.text);
  });
  const query = c.query.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`);
  if (c.rawQuery !== undefined) query.push(c.rawQuery);
  const payload =
    c.body === undefined
      ? undefined
      : c.body.kind === 'json'
        ? (JSON.stringify(c.body.value) ?? '')
        : c.body.payload;
  const segments = url.split('/');
  const leavesOperation =
    // `%2e` is a dot too: the WHATWG URL parser light-my-request uses resolves `%2e%2e` as `..`.
    segments.some((s) => ['.', '..'].includes(s.toLowerCase().replace(/%2e/g, '.'))) ||
    (!op.path.includes('{*}') && segments.length !== op.path.split('/').length);
  return {
    url: query.length ? `${url}?${query.join('&')}` : url,
    leavesOperation,
    payload,
    contentType: c.contentType,
  };
}

function describe(r: BuiltRequest): string {
  const payload =
    r.payload === undefined ? '' : Buffer.isBuffer(r.payload) ? `<${r.payload.length} bytes>` : r.payload;
  const url = r.url.length > 300 ? `${r.url.slice(0, 300)}…(${r.url.length})` : r.url;
  return `${url} [${r.contentType ?? 'no content type'}] ${payload.length > 300 ? `${payload.slice(0, 300)}…(${payload.length})` : payload}`;
}
