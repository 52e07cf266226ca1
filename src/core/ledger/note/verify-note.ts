import { cosignatureMessage } from './cosignature-message';
import type { NoteVerifier } from './note-signer';
import { openCosignature } from './open-cosignature';
import { parseNote } from './parse-note';
import type { Parsed } from './parsed';

/**
 * Verifies a signed note against trusted keys (C2SP signed-note v1.0.0 "Signatures"). Signatures whose
 * (name, key ID) matches no verifier are ignored. A signature from a known key that does not verify
 * rejects the whole note, and at least one known key must have signed. Verifiers of type 0x04 check
 * witness cosignatures: the line then holds a timestamp and an Ed25519 signature over
 * `cosignatureMessage(text, timestamp)`. `verifiedBy` lists the names that verified, each once, in note
 * order.
 */
export function verifyNote(
  note: string,
  verifiers: readonly NoteVerifier[],
): Parsed<{ text: string; verifiedBy: string[] }> {
  const parsed = parseNote(note);
  if (!parsed.ok) return parsed;
  const { text, signatures } = parsed.value;
  const message = Buffer.from(text, 'utf8');
  const verifiedBy: string[] = [];
  for (const s of signatures) {
    const verifier = verifiers.find((v) => v.name === s.name && v.keyId.equals(s.keyId));
    if (verifier === undefined) continue;
    let good: boolean;
    if (verifier.type === 0x04) {
      const cosignature = openCosignature(s.signature);
      good =
        cosignature.ok &&
        verifier.verify(cosignatureMessage(text, cosignature.value.timestamp), cosignature.value.signature);
    } else {
      good = verifier.verify(message, s.signature);
    }
    if (!good)
      return {
        ok: false,
        reason: `the signature of ${s.name} (key id ${s.keyId.toString('hex')}) does not verify`,
      };
    if (!verifiedBy.includes(s.name)) verifiedBy.push(s.name);
  }
  if (verifiedBy.length === 0) return { ok: false, reason: 'no signature from a known key' };
  return { ok: true, value: { text, verifiedBy } };
}
