/** The format tag in an evidence package's manifest. */
export const evidencePackageFormat = 'mianqian-evidence-package/1';

/**
 * The fixed files of an evidence package (docs/evidence.md). Besides these: `entries/<index>.json`
 * (each leaf's exact bytes), `entries/<index>.tlog-proof` (its C2SP tlog-proof against the
 * checkpoint) and `records/<sha256>.json` (each attested record, named by its digest).
 */
export const packageFiles = {
  /** Canonical JSON: format, origin, application id and reference, time, and the SHA-256 of every covered file. */
  manifest: 'manifest.json',
  /** The `evidence.package` leaf attesting the manifest, as a tlog-proof. */
  anchor: 'anchor.tlog-proof',
  /** The published checkpoint every proof is against, with the log's signature and the witnesses' cosignatures. */
  checkpoint: 'checkpoint.txt',
  /** Salts and values opening the commitments in the leaves (personal data: for the court, not for the public). */
  openings: 'openings.json',
  /** The witnesses' cosignature verifier keys, one per line. */
  witnesses: 'witnesses.txt',
  /** How to check the package, in Chinese and English. */
  readme: 'README.txt',
} as const;
