/** What the staff typed into the ledger's search box. */
export type LookupQuery =
  | { kind: 'id'; id: string }
  | { kind: 'reference'; reference: string }
  | { kind: 'text'; text: string }
  | { kind: 'empty' };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const referencePattern = /^MQ-\d{4}-\d{6}$/i;

export function isApplicationId(text: string): boolean {
  return uuidPattern.test(text);
}

/** An application id is used as it is; a reference (`MQ-2026-000123`, any case) or other text is searched for. */
export function classifyLookup(input: string): LookupQuery {
  const text = input.trim();
  if (!text) return { kind: 'empty' };
  if (isApplicationId(text)) return { kind: 'id', id: text.toLowerCase() };
  if (referencePattern.test(text)) return { kind: 'reference', reference: text.toUpperCase() };
  return { kind: 'text', text };
}

export interface LookupCandidate {
  id: string;
  reference: string;
}

export type LookupResult<T extends LookupCandidate> =
  { kind: 'found'; id: string } | { kind: 'none' } | { kind: 'several'; candidates: T[] };

/**
 * Picks the application among the work queue's answer to the search: an exact reference wins, a single
 * match is taken, several are offered to choose from.
 */
export function pickApplication<T extends LookupCandidate>(
  query: LookupQuery,
  candidates: readonly T[],
): LookupResult<T> {
  if (query.kind === 'id') return { kind: 'found', id: query.id };
  if (query.kind === 'reference') {
    const exact = candidates.find((c) => c.reference.toUpperCase() === query.reference);
    if (exact) return { kind: 'found', id: exact.id };
  }
  if (candidates.length === 1 && candidates[0]) return { kind: 'found', id: candidates[0].id };
  if (candidates.length === 0) return { kind: 'none' };
  return { kind: 'several', candidates: [...candidates] };
}

/** `0123456789abcdef…` → `01234567…89abcdef`, for hashes in narrow table cells. */
export function shortHash(hash: string, keep = 8): string {
  return hash.length <= keep * 2 + 1 ? hash : `${hash.slice(0, keep)}…${hash.slice(-keep)}`;
}
