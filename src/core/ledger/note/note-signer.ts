/**
 * A key that signs notes (C2SP signed-note v1.0.0). Signing goes through this interface so that the
 * private key can live elsewhere (a file today, an HSM later); `sign` returns the raw signature over the
 * given bytes, without the 4-byte key ID.
 */
export interface NoteSigner {
  /** The key name: non-empty, no Unicode spaces, no `+`. */
  readonly name: string;
  /** The 4-byte key ID, SHA-256(name || 0x0A || type || public key)[:4]. */
  readonly keyId: Buffer;
  sign(message: Uint8Array): Buffer;
}

/**
 * A key that verifies note signatures. `type` is the signature type byte (0x01 Ed25519, 0x04 timestamped
 * Ed25519 cosignature, ...); `verify` checks the raw algorithm signature over `message`. For type 0x04 the
 * caller builds the cosigned message (see `cosignatureMessage`), as `verifyNote` does.
 */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: Buffer;
  readonly type: number;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}
