import { canonicalJson } from './canonical-json';

/** What a leaf attests. Each step of a loan is anchored when it happens, under one of these. */
export const evidenceTypes = [
  'application.event',
  'document.upload',
  'consent',
  'identity.check',
  'risk.decision',
  'interview.recording',
  'contract.document',
  'contract.signature',
  'collateral',
  'guarantee',
  'condition',
  'interview',
  'approval',
  'disbursement',
  'evidence.package',
  'legal.hold',
] as const;
export type EvidenceType = (typeof evidenceTypes)[number];

const hex64 = /^[0-9a-f]{64}$/;

/**
 * One leaf of the evidence ledger, version 1 (docs/evidence.md). It holds only hashes and salted
 * commitments, never personal data:
 *
 * - `type`: what it attests; `attests.record`: the SHA-256 of the attested record's canonical JSON;
 * - `subject`: a commitment to the application id (the same for every leaf of one application);
 * - `at`: when the server recorded it (UTC, milliseconds);
 * - `by`: the actor's role, a commitment to their account, and the id of the key that signed, if any;
 * - `where`: how it was captured — commitments to the device (user agent), the IP address and the
 *   location, each with its own salt, or null when not known (a system step has no device).
 */
export interface EvidenceLeaf {
  readonly v: 1;
  readonly type: EvidenceType;
  readonly subject: string;
  readonly at: string;
  readonly by: { readonly role: string; readonly account: string | null; readonly key: string | null };
  readonly where: {
    readonly device: string | null;
    readonly ip: string | null;
    readonly location: string | null;
  };
  readonly attests: { readonly record: string };
}

/** The leaf's bytes in the log: RFC 8785 canonical JSON, UTF-8. */
export function encodeEvidenceLeaf(leaf: EvidenceLeaf): Buffer {
  const problem = evidenceLeafProblem(leaf);
  if (problem) throw new TypeError(`not a valid evidence leaf: ${problem}`);
  return Buffer.from(canonicalJson(leaf as never), 'utf8');
}

/**
 * Reads a leaf back from the log's bytes, checking that the bytes are exactly the canonical encoding
 * (so two different byte strings can never claim the same leaf).
 */
export function decodeEvidenceLeaf(
  bytes: Uint8Array,
): { ok: true; leaf: EvidenceLeaf } | { ok: false; reason: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, reason: 'not UTF-8 JSON' };
  }
  const problem = evidenceLeafProblem(parsed);
  if (problem) return { ok: false, reason: problem };
  const leaf = parsed as EvidenceLeaf;
  if (!Buffer.from(canonicalJson(leaf as never), 'utf8').equals(Buffer.from(bytes)))
    return { ok: false, reason: 'not in canonical form (RFC 8785)' };
  return { ok: true, leaf };
}

function evidenceLeafProblem(x: unknown): string | undefined {
  const isObj = (o: unknown): o is Record<string, unknown> =>
    typeof o === 'object' && o !== null && !Array.isArray(o);
  const commitmentOrNull = (c: unknown) => c === null || (typeof c === 'string' && hex64.test(c));
  const keysAre = (o: Record<string, unknown>, keys: string[]) =>
    Object.keys(o).length === keys.length && keys.every((k) => k in o);
  if (!isObj(x) || !keysAre(x, ['v', 'type', 'subject', 'at', 'by', 'where', 'attests']))
    return 'wrong fields';
  if (x.v !== 1) return 'unknown version';
  if (!(evidenceTypes as readonly unknown[]).includes(x.type)) return 'unknown type';
  if (typeof x.subject !== 'string' || !hex64.test(x.subject)) return 'subject is not a commitment';
  if (
    typeof x.at !== 'string' ||
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(x.at) ||
    isNaN(Date.parse(x.at))
  )
    return 'at is not a UTC timestamp';
  const { by, where, attests } = x;
  if (!isObj(by) || !keysAre(by, ['role', 'account', 'key'])) return 'by has wrong fields';
  if (typeof by.role !== 'string' || !/^[a-z_]{1,32}$/.test(by.role)) return 'by.role is not a role';
  if (!commitmentOrNull(by.account)) return 'by.account is not a commitment';
  if (by.key !== null && (typeof by.key !== 'string' || !/^[0-9A-Za-z+/=:._-]{1,128}$/.test(by.key)))
    return 'by.key is not a key id';
  if (!isObj(where) || !keysAre(where, ['device', 'ip', 'location'])) return 'where has wrong fields';
  if (![where.device, where.ip, where.location].every(commitmentOrNull))
    return 'where holds a non-commitment';
  if (!isObj(attests) || !keysAre(attests, ['record'])) return 'attests has wrong fields';
  if (typeof attests.record !== 'string' || !hex64.test(attests.record))
    return 'attests.record is not a SHA-256';
  return undefined;
}
