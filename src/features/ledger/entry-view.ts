import { decodeEvidenceLeaf, type EvidenceType } from '../../core/ledger/evidence/evidence-leaf';
import type { StoredEntry } from './ledger-store.port';

export interface EntryView {
  index: number;
  leafHash: string;
  type: EvidenceType;
  at: string;
  actorRole: string;
  record: string;
  isCheckpointed: boolean;
}

/** What staff and borrowers see of a leaf: its place, its hash and what it attests (no openings). */
export function entryView(e: StoredEntry, publishedSize: number): EntryView {
  const decoded = decodeEvidenceLeaf(e.entry);
  if (!decoded.ok) throw new Error(`ledger entry ${e.index} is not a valid leaf: ${decoded.reason}`);
  const { leaf } = decoded;
  return {
    index: e.index,
    leafHash: e.leafHash.toString('hex'),
    type: leaf.type,
    at: leaf.at,
    actorRole: leaf.by.role,
    record: leaf.attests.record,
    isCheckpointed: e.index < publishedSize,
  };
}
