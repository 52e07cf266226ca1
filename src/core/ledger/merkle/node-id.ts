/**
 * A node of the Merkle tree by position: (level, index) is the root of the perfect subtree over the leaves
 * [index·2^level, (index+1)·2^level). Level 0 holds the leaf hashes. Proof plans and tiles speak in these
 * ids, so storage only ever serves perfect-subtree hashes and never needs to know how RFC 9162 recurses.
 */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}
