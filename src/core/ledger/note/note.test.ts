import { createHash, verify as cryptoVerify } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addSignatures } from './add-signatures';
import { cosignCheckpoint } from './cosign-checkpoint';
import { cosignatureKeyId } from './cosignature-key-id';
import { cosignatureMessage } from './cosignature-message';
import { decodeBase64 } from './decode-base64';
import { ed25519PublicKey } from './ed25519-public-key';
import { ed25519Signer } from './ed25519-signer';
import { formatAddCheckpoint } from './format-add-checkpoint';
import { formatCheckpoint } from './format-checkpoint';
import { formatSignatureLine } from './format-signature-line';
import { formatSignerKey } from './format-signer-key';
import { formatTlogProof } from './format-tlog-proof';
import { formatVerifierKey } from './format-verifier-key';
import { keyId } from './key-id';
import type { NoteVerifier } from './note-signer';
import { noteTextProblem } from './note-text-problem';
import { openCosignature } from './open-cosignature';
import { parseAddCheckpoint } from './parse-add-checkpoint';
import { parseCheckpoint } from './parse-checkpoint';
import { parseNote } from './parse-note';
import { parseSignerKey } from './parse-signer-key';
import { parseTlogProof } from './parse-tlog-proof';
import { parseVerifierKey } from './parse-verifier-key';
import type { Parsed } from './parsed';
import { signNote } from './sign-note';
import { verifyCosignature } from './verify-cosignature';
import { verifyNote } from './verify-note';

/**
 * Test vectors, copied from /work/shared/data/merkle/signed-note-vectors.json (see its README):
 * golang/mod@fe2ec04f7c3c3aa6fad97631aafcff6e49e2d1db sumdb/note/note_test.go (PeterNeumann, a TEST-ONLY
 * private key published there; EnochRoot) and sumdb/tlog/note_test.go (tree note); C2SP/C2SP@5ba5ee8
 * signed-note.md, tlog-checkpoint.md, tlog-cosignature.md and tlog-witness.md (format-only examples).
 */
const vectors = {
  peterNeumann: {
    signerKey: 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz',
    verifierKey: 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    text: "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n",
    signedNote:
      "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
  },
  enochRoot: {
    verifierKey: 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop',
    signatureLine:
      '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n',
  },
  c2spExample: {
    verifierKey: 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k',
    signedNote:
      'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n',
  },
  goTreeNote: {
    treeSize: 123456789012,
    record: 'hello world',
    text: 'go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n',
  },
  checkpointExample:
    'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n',
  cosignatureLine:
    '— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n',
  addCheckpointBody:
    'old 20852014\nPlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\njrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=\n/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=\n\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n— example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=\n',
  /** tlog-witness.md "Example response body" (three cosignature lines). */
  witnessResponse: [
    '— witness.example/w1 CMp+6LWBU0anHGH5aNDTJkH/gj79sG+T6+iP2ThYN5krrDJbR1HDnucjL39QsZTSvVjyQLrdk3DXDqI5G2HgLatVs0pWh6Up69HVOw==\n',
    '— witness.example/w1 I7rEps0pvK2UqkS2gSpVUDhrhVtQV9lgF6pRrWAvjJHjyWpW7VcE3SiOlVlbQNt64vWhO+DlkL0+UfzuOBMh9ChdMkP1vi/lCAsmlw==\n',
    '— witness.example/w2 AWui8Sk55XjYLOijihBjhqEH6nS1ndDymE0a+6idX7pLcnoB+dhnz0854aLZgrrKbYKA7nC3HNJhm/kWl7oJlqU3rXXvpysAdyP3wQ==\n',
  ],
};

const { peterNeumann, enochRoot, c2spExample } = vectors;

/** The value of a successful parse; fails the test with the reason otherwise. */
function value<T>(p: Parsed<T>): T {
  if (!p.ok) throw new Error(`expected success, got: ${p.reason}`);
  return p.value;
}

/** A parse that must fail; returns the reason. */
function reason(p: Parsed<unknown>): string {
  expect(p.ok).toBe(false);
  return p.ok ? '' : p.reason;
}

/** Deterministic test seeds (core has no randomness; tests need none either). */
const seed = (label: string): Buffer => createHash('sha256').update(label).digest();

const hex = (s: string): Buffer => Buffer.from(s, 'hex');

/** Every note made by changing one byte of `note` (xor 0x01, 0x20 and 0x80), decoded as infra would. */
function* oneByteChanges(note: string): Generator<string> {
  const bytes = Buffer.from(note, 'utf8');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < bytes.length; i++) {
    for (const mask of [0x01, 0x20, 0x80]) {
      const changed = Buffer.from(bytes);
      changed[i]! ^= mask;
      let text: string;
      try {
        text = decoder.decode(changed);
      } catch {
        continue; // not UTF-8: refused before it reaches the parser
      }
      yield text;
    }
  }
}

const log = ed25519Signer('example.com/log', seed('log'));
const logVerifier = value(parseVerifierKey(formatVerifierKey(log.name, log.publicKey)));
const witnessSeed = seed('witness');
const witnessPublicKey = ed25519Signer('x', witnessSeed).publicKey;
const witnessVerifier = value(
  parseVerifierKey(formatVerifierKey('witness.example/w1', witnessPublicKey, 0x04)),
);
const checkpointText = formatCheckpoint({ origin: 'example.com/log', size: 5, root: seed('root') });
const signedCheckpoint = signNote(checkpointText, [log]);

describe('Go sumdb/note vectors', () => {
  it('reads the PeterNeumann private key and re-signs the text byte for byte', () => {
    const signer = value(parseSignerKey(peterNeumann.signerKey));
    expect(signer.name).toBe('PeterNeumann');
    expect(signer.type).toBe(0x01);
    expect(signer.keyId).toEqual(hex('c74f20a3'));
    expect(signNote(peterNeumann.text, [signer])).toBe(peterNeumann.signedNote);

    const seedBytes = Buffer.from(peterNeumann.signerKey.split('+').slice(4).join('+'), 'base64').subarray(1);
    const same = ed25519Signer('PeterNeumann', seedBytes);
    expect(same.keyId).toEqual(signer.keyId);
    expect(same.publicKey).toEqual(signer.publicKey);
    expect(signNote(peterNeumann.text, [same])).toBe(peterNeumann.signedNote);
    expect(formatSignerKey('PeterNeumann', seedBytes)).toBe(peterNeumann.signerKey);
  });

  it('verifies the PeterNeumann note with its vkey, and formats the same vkey back', () => {
    const verifier = value(parseVerifierKey(peterNeumann.verifierKey));
    expect(verifier).toMatchObject({ name: 'PeterNeumann', type: 0x01, keyId: hex('c74f20a3') });
    expect(verifier.publicKey).toEqual(value(parseSignerKey(peterNeumann.signerKey)).publicKey);
    expect(formatVerifierKey('PeterNeumann', verifier.publicKey)).toBe(peterNeumann.verifierKey);
    expect(verifyNote(peterNeumann.signedNote, [verifier])).toEqual({
      ok: true,
      value: { text: peterNeumann.text, verifiedBy: ['PeterNeumann'] },
    });
    expect(keyId('PeterNeumann', 0x01, verifier.publicKey)).toEqual(hex('c74f20a3'));
  });

  it('verifies the EnochRoot signature, alone and next to PeterNeumann’s', () => {
    const enoch = value(parseVerifierKey(enochRoot.verifierKey));
    const peter = value(parseVerifierKey(peterNeumann.verifierKey));
    expect(formatVerifierKey('EnochRoot', enoch.publicKey)).toBe(enochRoot.verifierKey);
    const enochNote = `${peterNeumann.text}\n${enochRoot.signatureLine}`;
    expect(value(verifyNote(enochNote, [enoch])).verifiedBy).toEqual(['EnochRoot']);

    const both = addSignatures(peterNeumann.signedNote, [enochRoot.signatureLine]);
    expect(both).toBe(peterNeumann.signedNote + enochRoot.signatureLine);
    expect(value(verifyNote(both, [peter, enoch])).verifiedBy).toEqual(['PeterNeumann', 'EnochRoot']);
    expect(value(verifyNote(both, [enoch])).verifiedBy).toEqual(['EnochRoot']); // the other is unknown
    expect(reason(verifyNote(both, [logVerifier]))).toBe('no signature from a known key');
  });

  it('reads the sumdb tree note as a checkpoint (a bare note text: RecordHash("hello world") at size 123456789012)', () => {
    const checkpoint = value(parseCheckpoint(vectors.goTreeNote.text));
    const leafHash = createHash('sha256').update(Uint8Array.of(0)).update(vectors.goTreeNote.record).digest();
    expect(checkpoint).toEqual({
      origin: 'go.sum database tree',
      size: vectors.goTreeNote.treeSize,
      root: leafHash,
      extensions: [],
    });
    expect(formatCheckpoint(checkpoint)).toBe(vectors.goTreeNote.text);
    expect(reason(parseNote(vectors.goTreeNote.text))).toMatch(/no empty line/);
  });
});

describe('C2SP signed-note example', () => {
  it('verifies with the published vkey', () => {
    const verifier = value(parseVerifierKey(c2spExample.verifierKey));
    expect(formatVerifierKey('example.com/foo', verifier.publicKey)).toBe(c2spExample.verifierKey);
    expect(value(verifyNote(c2spExample.signedNote, [verifier]))).toEqual({
      text: 'This is an example message.\n',
      verifiedBy: ['example.com/foo'],
    });
  });
});

describe('tampering', () => {
  const cases: [string, string, () => NoteVerifier[]][] = [
    ['PeterNeumann', peterNeumann.signedNote, () => [value(parseVerifierKey(peterNeumann.verifierKey))]],
    [
      'EnochRoot',
      `${peterNeumann.text}\n${enochRoot.signatureLine}`,
      () => [value(parseVerifierKey(enochRoot.verifierKey))],
    ],
    ['C2SP example', c2spExample.signedNote, () => [value(parseVerifierKey(c2spExample.verifierKey))]],
    [
      'our witness-cosigned checkpoint',
      `${checkpointText}\n${cosignCheckpoint({
        checkpointText,
        timestamp: 1_700_000_000,
        name: 'witness.example/w1',
        seed: witnessSeed,
      })}`,
      () => [witnessVerifier],
    ],
  ];
  for (const [name, note, verifiers] of cases) {
    it(`rejects the ${name} note after any single changed byte`, () => {
      expect(verifyNote(note, verifiers()).ok).toBe(true);
      let tried = 0;
      for (const changed of oneByteChanges(note)) {
        tried++;
        expect(verifyNote(changed, verifiers()).ok, JSON.stringify(changed)).toBe(false);
      }
      expect(tried).toBeGreaterThan(Buffer.byteLength(note));
    });
  }

  it('rejects a note whose base64 differs only in unused trailing bits (Go would accept it)', () => {
    // "...nAM=": the last character before "=" carries 2 unused bits; M (12) -> N (13) keeps the bytes.
    const sloppy = peterNeumann.signedNote.replace('nAM=\n', 'nAN=\n');
    expect(Buffer.from('nAN=', 'base64')).toEqual(Buffer.from('nAM=', 'base64'));
    expect(reason(parseNote(sloppy))).toMatch(/not base64/);
  });

  it('fails the note when a known key’s signature is bad, even next to a good one', () => {
    const other = ed25519Signer('example.com/log', seed('other'));
    const bad = signNote(checkpointText, [log]).replace(/\n$/, '');
    const flipped = `${bad.slice(0, -3)}${bad.at(-3) === 'A' ? 'B' : 'A'}${bad.slice(-2)}\n`;
    expect(reason(verifyNote(flipped, [logVerifier]))).toMatch(/example\.com\/log .* does not verify/);
    const twoSignatures = signNote(checkpointText, [log, other]);
    const otherVerifier = value(parseVerifierKey(formatVerifierKey(other.name, other.publicKey)));
    expect(value(verifyNote(twoSignatures, [logVerifier, otherVerifier])).verifiedBy).toEqual([
      'example.com/log',
    ]);
  });

  it('ignores signatures that share only the name or only the key id with a known key', () => {
    const lines = value(parseNote(signedCheckpoint)).signatures;
    const sig = lines[0]!;
    const sameNameOtherId = formatSignatureLine(sig.name, Buffer.from('00000000', 'hex'), sig.signature);
    const sameIdOtherName = formatSignatureLine('example.com/other', sig.keyId, sig.signature);
    const noise = `${checkpointText}\n${sameNameOtherId}${sameIdOtherName}`;
    expect(reason(verifyNote(noise, [logVerifier]))).toBe('no signature from a known key');
    expect(
      value(verifyNote(addSignatures(noise, [signedCheckpoint.split('\n\n')[1]!]), [logVerifier])).verifiedBy,
    ).toEqual(['example.com/log']);
  });
});

describe('C2SP format-only examples', () => {
  it('parses the tlog-checkpoint example and formats its text back', () => {
    const note = value(parseNote(vectors.checkpointExample));
    expect(note.signatures).toHaveLength(1);
    expect(note.signatures[0]).toMatchObject({ name: 'example.com/behind-the-sofa' });
    expect(note.signatures[0]!.signature).toHaveLength(64);
    const checkpoint = value(parseCheckpoint(note.text));
    expect(checkpoint).toMatchObject({
      origin: 'example.com/behind-the-sofa',
      size: 20852163,
      extensions: [],
    });
    expect(checkpoint.root).toHaveLength(32);
    expect(formatCheckpoint(checkpoint)).toBe(note.text);
  });

  it('appends the tlog-cosignature example line and reads its timestamp', () => {
    const cosigned = addSignatures(vectors.checkpointExample, [vectors.cosignatureLine]);
    expect(cosigned).toBe(vectors.checkpointExample + vectors.cosignatureLine);
    expect(addSignatures(cosigned, [vectors.cosignatureLine])).toBe(cosigned);
    const line = value(parseNote(cosigned)).signatures[1]!;
    expect(line.name).toBe('witness.example.com/w1');
    expect(line.signature).toHaveLength(72);
    // The spec's signed-message example uses "time 1679315147".
    expect(value(openCosignature(line.signature)).timestamp).toBe(1679315147);
  });

  it('parses the tlog-witness add-checkpoint request and formats it back', () => {
    const request = value(parseAddCheckpoint(vectors.addCheckpointBody));
    expect(request.oldSize).toBe(20852014);
    expect(request.proof.map((h) => h.toString('base64'))).toEqual([
      'PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=',
      'jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=',
      '5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=',
      '/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=',
    ]);
    expect(value(parseNote(request.note)).signatures).toHaveLength(2);
    expect(formatAddCheckpoint(request)).toBe(vectors.addCheckpointBody);
  });

  it('adds the tlog-witness example response lines to the checkpoint', () => {
    const withResponse = addSignatures(vectors.checkpointExample, vectors.witnessResponse);
    const names = value(parseNote(withResponse)).signatures.map((s) => s.name);
    expect(names).toEqual([
      'example.com/behind-the-sofa',
      'witness.example/w1',
      'witness.example/w1',
      'witness.example/w2',
    ]);
  });
});

describe('signing notes', () => {
  it('signs with several keys in order and verifies with any of them', () => {
    const a = ed25519Signer('a.example', seed('a'));
    const b = ed25519Signer('b.example', seed('b'));
    const note = signNote('hello\n\nworld\n', [a, b]);
    const parsed = value(parseNote(note));
    expect(parsed.text).toBe('hello\n\nworld\n');
    expect(parsed.signatures.map((s) => s.name)).toEqual(['a.example', 'b.example']);
    const bVerifier = value(parseVerifierKey(formatVerifierKey(b.name, b.publicKey)));
    expect(value(verifyNote(note, [bVerifier])).verifiedBy).toEqual(['b.example']);
  });

  it('refuses bad text and bad signer lists', () => {
    expect(() => signNote('no newline', [log])).toThrow(/newline/);
    expect(() => signNote('tab\there\n', [log])).toThrow(/control character/);
    expect(() => signNote('cr\r\n', [log])).toThrow(/control character/);
    expect(() => signNote('\ud800\n', [log])).toThrow(/UTF-8/);
    expect(() => signNote('x\n', [])).toThrow(/at least one/);
    expect(() => signNote('x\n', [log, log])).toThrow(/twice/);
    expect(() => ed25519Signer('has space', seed('x'))).toThrow(/key name/);
    expect(() => ed25519Signer('has+plus', seed('x'))).toThrow(/key name/);
    expect(() => ed25519Signer('n', Buffer.alloc(31))).toThrow(/32 bytes/);
  });

  it('round-trips any valid text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 0, maxLength: 40 }), (body) => {
        fc.pre(noteTextProblem(body) === undefined);
        const text = `${body}\n`;
        const note = signNote(text, [log]);
        expect(value(verifyNote(note, [logVerifier])).text).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('addSignatures keeps existing lines, drops repeated (name, key id), accepts lines without newline', () => {
    const other = ed25519Signer('other.example', seed('other'));
    const otherLine = signNote(checkpointText, [other]).split('\n\n')[1]!;
    const resigned = signNote(checkpointText, [log]).split('\n\n')[1]!;
    const added = addSignatures(signedCheckpoint, [otherLine.trimEnd(), resigned, otherLine]);
    expect(added).toBe(signedCheckpoint + otherLine);
    expect(() => addSignatures(signedCheckpoint, ['- wrong dash AAAA'])).toThrow(/em dash/);
    expect(() => addSignatures('not a note', [otherLine])).toThrow(/empty line/);
  });
});

describe('cosignatures', () => {
  const timestamp = 1_700_000_000;
  const line = cosignCheckpoint({ checkpointText, timestamp, name: 'witness.example/w1', seed: witnessSeed });
  const parsedLine = value(parseNote(`${checkpointText}\n${line}`)).signatures[0]!;

  it('makes a type-0x04 line over cosignature/v1 + time + checkpoint', () => {
    expect(line).toMatch(/^— witness\.example\/w1 [A-Za-z0-9+/]{102}==\n$/);
    expect(parsedLine.keyId).toEqual(keyId('witness.example/w1', 0x04, witnessPublicKey));
    expect(parsedLine.keyId).toEqual(cosignatureKeyId('witness.example/w1', witnessPublicKey));
    expect(parsedLine.signature.readBigUInt64BE(0)).toBe(BigInt(timestamp));
    const message = cosignatureMessage(checkpointText, timestamp);
    expect(message.toString()).toBe(`cosignature/v1\ntime 1700000000\n${checkpointText}`);
    expect(
      cryptoVerify(null, message, ed25519PublicKey(witnessPublicKey)!, parsedLine.signature.subarray(8)),
    ).toBe(true);
  });

  it('verifies with verifyCosignature and returns the timestamp', () => {
    expect(verifyCosignature({ checkpointText, line: parsedLine, publicKey: witnessPublicKey })).toEqual({
      ok: true,
      value: { timestamp },
    });
    const otherText = formatCheckpoint({ origin: 'example.com/log', size: 6, root: seed('root') });
    expect(
      reason(verifyCosignature({ checkpointText: otherText, line: parsedLine, publicKey: witnessPublicKey })),
    ).toMatch(/does not verify/);
    expect(
      reason(
        verifyCosignature({
          checkpointText,
          line: { ...parsedLine, name: 'witness.example/w2' },
          publicKey: witnessPublicKey,
        }),
      ),
    ).toMatch(/key id/);
    expect(
      reason(
        verifyCosignature({
          checkpointText,
          line: { ...parsedLine, signature: parsedLine.signature.subarray(8) },
          publicKey: witnessPublicKey,
        }),
      ),
    ).toMatch(/8 timestamp bytes/);
    const late = Buffer.from(parsedLine.signature);
    late.writeBigUInt64BE(2n ** 63n - 1n, 0);
    expect(
      reason(
        verifyCosignature({
          checkpointText,
          line: { ...parsedLine, signature: late },
          publicKey: witnessPublicKey,
        }),
      ),
    ).toMatch(/future/);
    expect(
      reason(verifyCosignature({ checkpointText, line: parsedLine, publicKey: Buffer.alloc(31) })),
    ).toMatch(/32-byte/);
  });

  it('verifies inside a note with a 0x04 vkey, alongside the log signature', () => {
    const cosigned = addSignatures(signedCheckpoint, [line]);
    expect(value(verifyNote(cosigned, [logVerifier, witnessVerifier])).verifiedBy).toEqual([
      'example.com/log',
      'witness.example/w1',
    ]);
    expect(value(verifyNote(cosigned, [witnessVerifier])).verifiedBy).toEqual(['witness.example/w1']);
    // A plain Ed25519 (0x01) key of the same name and bytes has another key id: the line is not its own.
    const wrongType = value(parseVerifierKey(formatVerifierKey('witness.example/w1', witnessPublicKey)));
    expect(reason(verifyNote(cosigned, [wrongType]))).toBe('no signature from a known key');
    // The same cosignature on another checkpoint does not verify.
    const otherText = formatCheckpoint({ origin: 'example.com/log', size: 6, root: seed('root') });
    const moved = addSignatures(signNote(otherText, [log]), [line]);
    expect(reason(verifyNote(moved, [logVerifier, witnessVerifier]))).toMatch(
      /witness\.example\/w1 .* does not verify/,
    );
  });

  it('signs the same through a 0x04 signer key (as an HSM would) as from the seed', () => {
    const skey = formatSignerKey('witness.example/w1', witnessSeed, 0x04);
    const signer = value(parseSignerKey(skey));
    expect(signer.type).toBe(0x04);
    expect(signer.keyId).toEqual(witnessVerifier.keyId);
    expect(cosignCheckpoint({ checkpointText, timestamp, signer })).toBe(line);
  });

  it('refuses to cosign what is not a checkpoint, or with a bad timestamp', () => {
    const p = { name: 'witness.example/w1', seed: witnessSeed };
    expect(() => cosignCheckpoint({ ...p, checkpointText: 'hello\n', timestamp })).toThrow(/checkpoint/);
    expect(() => cosignCheckpoint({ ...p, checkpointText, timestamp: -1 })).toThrow(/timestamp/);
    expect(() => cosignCheckpoint({ ...p, checkpointText, timestamp: 1.5 })).toThrow(/timestamp/);
  });
});

describe('verifier and signer keys', () => {
  it('rejects malformed verifier keys with a reason', () => {
    const good = peterNeumann.verifierKey;
    const [name, id, key] = good.split('+') as [string, string, string];
    expect(reason(parseVerifierKey('PeterNeumann'))).toMatch(/<name>\+<key id>\+<key>/);
    expect(reason(parseVerifierKey(`${name}+${id.slice(1)}+${key}`))).toMatch(/8 hex digits/);
    expect(reason(parseVerifierKey(`${name}+c74f20a4+${key}`))).toMatch(/does not match/);
    expect(reason(parseVerifierKey(`Peter Neumann+${id}+${key}`))).toMatch(/key name/);
    expect(reason(parseVerifierKey(`+${id}+${key}`))).toMatch(/key name/);
    expect(reason(parseVerifierKey(`${name}+${id}+${key.slice(0, -1)}`))).toMatch(/base64/);
    expect(reason(parseVerifierKey(`${name}+${id}+`))).toMatch(/base64/);
    const ecdsa = Buffer.concat([Uint8Array.of(0x02), Buffer.alloc(32)]);
    const ecdsaId = keyId(name, 0x02, Buffer.alloc(32)).toString('hex');
    expect(reason(parseVerifierKey(`${name}+${ecdsaId}+${ecdsa.toString('base64')}`))).toMatch(
      /unsupported key type 0x02/,
    );
    const short = Buffer.alloc(31, 7);
    const shortId = keyId(name, 0x01, short).toString('hex');
    const shortKey = Buffer.concat([Uint8Array.of(1), short]).toString('base64');
    expect(reason(parseVerifierKey(`${name}+${shortId}+${shortKey}`))).toMatch(/32-byte/);
    expect(value(parseVerifierKey(good.replace('c74f20a3', 'C74F20A3'))).name).toBe('PeterNeumann');
  });

  it('rejects malformed signer keys without quoting the secret', () => {
    const good = peterNeumann.signerKey;
    const secret = good.split('+').at(-1)!;
    const bad = [
      good.replace('PRIVATE+KEY+', 'PRIVATE+KEYS+'),
      good.replace('c74f20a3', 'c74f20a4'),
      good.replace('c74f20a3', 'c74f20a'),
      good.replace('PeterNeumann', 'Peter\u00a0Neumann'),
      good.replace(secret, secret.slice(0, -4)),
      `PRIVATE+KEY+PeterNeumann+c74f20a3+${Buffer.concat([Uint8Array.of(2), Buffer.alloc(32)]).toString('base64')}`,
    ];
    for (const skey of bad) expect(reason(parseSignerKey(skey))).not.toContain(secret.slice(4, 20));
    expect(reason(parseSignerKey(bad[1]!))).toMatch(/does not match/);
    expect(reason(parseSignerKey(bad[4]!))).toMatch(/32 bytes/);
    expect(reason(parseSignerKey(bad[5]!))).toMatch(/unsupported key type/);
    expect(() => formatSignerKey('n', seed('n'), 0x02)).toThrow(/0x01 and 0x04/);
  });

  it('round-trips signer and verifier keys (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9./_-]{1,30}$/),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.constantFrom(0x01, 0x04),
        (name, seedBytes, type) => {
          const signer = value(parseSignerKey(formatSignerKey(name, seedBytes, type)));
          const verifier = value(parseVerifierKey(formatVerifierKey(name, signer.publicKey, type)));
          expect(verifier.keyId).toEqual(signer.keyId);
          expect(verifier.type).toBe(type);
          const message = Buffer.from('m');
          expect(verifier.verify(message, signer.sign(message))).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('parseNote rejects malformed notes with a reason', () => {
  const good = peterNeumann.signedNote;
  const [text, block] = good.split('\n\n') as [string, string];
  const cases: [string, string, RegExp][] = [
    ['missing final newline', good.slice(0, -1), /final newline/],
    ['no blank line', good.replace('\n\n', '\n'), /no empty line/],
    ['no signature lines', `${text}\n\n`, /no signature lines/],
    ['bad base64', good.replace('x08go', 'x08g!'), /not base64/],
    ['base64 with whitespace', good.replace('x08go', 'x08 go'), /not base64/],
    [
      'key id too short',
      `${text}\n\n— PeterNeumann ${Buffer.from([1, 2, 3, 4]).toString('base64')}\n`,
      /shorter/,
    ],
    ['no em dash', good.replace('— ', '- '), /em dash/],
    ['no space after the name', good.replace('PeterNeumann x08', 'PeterNeumannx08'), /no space/],
    ['plus in the name', good.replace('PeterNeumann', 'Peter+Neumann'), /key name/],
    ['empty name', good.replace('— PeterNeumann ', '—  '), /key name/],
    ['carriage return', good.replace('problem,\n', 'problem,\r\n'), /control character U\+000d/],
    ['lone surrogate', `\ud83d${good}`, /UTF-8/],
  ];
  for (const [name, note, expected] of cases)
    it(name, () => {
      expect(reason(parseNote(note))).toMatch(expected);
    });

  it('accepts 100 signatures and refuses 101', () => {
    const line = block;
    expect(value(parseNote(`${text}\n\n${line.repeat(100)}`)).signatures).toHaveLength(100);
    expect(reason(parseNote(`${text}\n\n${line.repeat(101)}`))).toMatch(/more than 100/);
  });

  it('separates text and signatures at the last empty line', () => {
    // A blank line after a signature line makes that line part of the text (which no longer verifies).
    expect(value(parseNote(`${good}\n${block}`)).text).toBe(`${good}`);
    expect(verifyNote(`${good}\n${block}`, [value(parseVerifierKey(peterNeumann.verifierKey))]).ok).toBe(
      false,
    );
    const note = signNote('a\n\n\nb\n\n', [log]);
    expect(value(parseNote(note)).text).toBe('a\n\n\nb\n\n');
  });
});

describe('checkpoints', () => {
  const root = seed('root');
  const b64 = root.toString('base64');
  it('formats and parses, with extension lines', () => {
    const text = formatCheckpoint({ origin: 'example.com/log', size: 0, root, extensions: ['a b', 'c'] });
    expect(text).toBe(`example.com/log\n0\n${b64}\na b\nc\n`);
    expect(value(parseCheckpoint(text))).toEqual({
      origin: 'example.com/log',
      size: 0,
      root,
      extensions: ['a b', 'c'],
    });
  });

  const cases: [string, string, RegExp][] = [
    ['size with a leading zero', `o\n012\n${b64}\n`, /leading zero/],
    ['size 00', `o\n00\n${b64}\n`, /leading zero/],
    ['negative size', `o\n-1\n${b64}\n`, /not a decimal/],
    ['size above 2^53 - 1', `o\n9007199254740992\n${b64}\n`, /2\^53/],
    ['size with a plus', `o\n+1\n${b64}\n`, /not a decimal/],
    ['root of 31 bytes', `o\n1\n${root.subarray(1).toString('base64')}\n`, /32 bytes/],
    ['root in url-safe base64', `o\n1\n${root.toString('base64url')}=\n`, /32 bytes|base64/],
    ['root without padding', `o\n1\n${b64.slice(0, -1)}\n`, /base64/],
    ['missing final newline', `o\n1\n${b64}`, /final newline/],
    ['two lines', `o\n1\n`, /three lines/],
    ['empty origin', `\n1\n${b64}\n`, /empty origin/],
    ['empty extension line', `o\n1\n${b64}\n\nx\n`, /empty extension/],
    ['control character', `o\t\n1\n${b64}\n`, /control/],
  ];
  for (const [name, text, expected] of cases)
    it(`rejects ${name}`, () => {
      expect(reason(parseCheckpoint(text))).toMatch(expected);
    });

  it('accepts the largest safe size', () => {
    expect(value(parseCheckpoint(`o\n9007199254740991\n${b64}\n`)).size).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses to format what it could not parse', () => {
    expect(() => formatCheckpoint({ origin: '', size: 1, root })).toThrow(/empty origin/);
    expect(() => formatCheckpoint({ origin: 'a\nb', size: 1, root })).toThrow(/newline/);
    expect(() => formatCheckpoint({ origin: 'o', size: -1, root })).toThrow(/tree size/);
    expect(() => formatCheckpoint({ origin: 'o', size: 2 ** 53, root })).toThrow(/tree size/);
    expect(() => formatCheckpoint({ origin: 'o', size: 1, root: root.subarray(1) })).toThrow(/32 bytes/);
    expect(() => formatCheckpoint({ origin: 'o', size: 1, root, extensions: [''] })).toThrow(/extension/);
  });

  it('round-trips (property)', () => {
    const line = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
      .filter((s) => !s.includes('\n') && noteTextProblem(s) === undefined);
    fc.assert(
      fc.property(
        line,
        fc.maxSafeNat(),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(line, { maxLength: 3 }),
        (origin, size, rootBytes, extensions) => {
          const c = { origin, size, root: Buffer.from(rootBytes), extensions };
          expect(value(parseCheckpoint(formatCheckpoint(c)))).toEqual(c);
        },
      ),
    );
  });
});

const hash = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b));

describe('tlog-witness add-checkpoint bodies', () => {
  const proof = [seed('p1'), seed('p2')];
  it('round-trips (property)', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.array(hash, { maxLength: 63 }), (oldSize, hashes) => {
        const request = { oldSize, proof: hashes, note: signedCheckpoint };
        expect(value(parseAddCheckpoint(formatAddCheckpoint(request)))).toEqual(request);
      }),
      { numRuns: 50 },
    );
  });

  const body = (lines: string[]): string => `${lines.join('\n')}\n\n${signedCheckpoint}`;
  const b64 = proof.map((h) => h.toString('base64'));
  const cases: [string, string, RegExp][] = [
    ['64 proof lines', body(['old 1', ...Array<string>(64).fill(b64[0]!)]), /more than 63 proof lines/],
    ['old size with a leading zero', body(['old 01', ...b64]), /old size/],
    ['no old line', body([...b64]), /old <size>/],
    ['"old" without space', body(['old5', ...b64]), /old <size>/],
    ['a proof hash of 31 bytes', body(['old 1', seed('x').subarray(1).toString('base64')]), /proof line 1/],
    ['bad base64 in the proof', body(['old 1', `${b64[0]!.slice(0, -2)}!=`]), /proof line 1/],
    ['no empty line', `old 1\n${b64[0]}\n`, /no empty line/],
    ['no final newline after old', 'old 1', /old <size>/],
    ['a note that is not a checkpoint', `old 1\n\n${peterNeumann.signedNote}`, /checkpoint/],
    ['an unsigned checkpoint', `old 1\n\n${checkpointText}`, /no empty line|no signature/],
  ];
  for (const [name, text, expected] of cases)
    it(`rejects ${name}`, () => {
      expect(reason(parseAddCheckpoint(text))).toMatch(expected);
    });

  it('accepts 63 proof lines and an empty proof', () => {
    expect(value(parseAddCheckpoint(body(['old 1', ...Array<string>(63).fill(b64[0]!)]))).proof).toHaveLength(
      63,
    );
    expect(value(parseAddCheckpoint(body(['old 0']))).proof).toEqual([]);
  });

  it('refuses to format a bad request', () => {
    expect(() => formatAddCheckpoint({ oldSize: -1, proof: [], note: signedCheckpoint })).toThrow(/old size/);
    expect(() =>
      formatAddCheckpoint({ oldSize: 1, proof: Array(64).fill(proof[0]), note: signedCheckpoint }),
    ).toThrow(/63/);
    expect(() => formatAddCheckpoint({ oldSize: 1, proof: [], note: checkpointText })).toThrow();
  });
});

describe('tlog-proof', () => {
  const cosigned = addSignatures(signedCheckpoint, [
    cosignCheckpoint({
      checkpointText,
      timestamp: 1_700_000_000,
      name: 'witness.example/w1',
      seed: witnessSeed,
    }),
  ]);

  it('formats the draft’s layout', () => {
    const proof = [seed('p1'), seed('p2')];
    const text = formatTlogProof({ extra: Buffer.from('age-v1.2.1'), index: 3, proof, note: cosigned });
    expect(text).toBe(
      `c2sp.org/tlog-proof@v1\nextra ${Buffer.from('age-v1.2.1').toString('base64')}\nindex 3\n` +
        `${proof[0]!.toString('base64')}\n${proof[1]!.toString('base64')}\n\n${cosigned}`,
    );
    const withoutExtra = value(parseTlogProof(formatTlogProof({ index: 0, proof: [], note: cosigned })));
    expect(withoutExtra).toEqual({ index: 0, proof: [], note: cosigned });
    expect('extra' in withoutExtra).toBe(false);
  });

  it('reads the extra line of the draft’s example', () => {
    const extra = 'YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ';
    const parsed = value(
      parseTlogProof(`c2sp.org/tlog-proof@v1\nextra ${extra}\nindex 73894\n\n${cosigned}`),
    );
    expect(parsed.extra?.toString('base64')).toBe(extra);
    expect(parsed.index).toBe(73894);
  });

  it('round-trips (property)', () => {
    fc.assert(
      fc.property(
        fc.option(fc.uint8Array({ minLength: 1, maxLength: 64 }), { nil: undefined }),
        fc.maxSafeNat(),
        fc.array(hash, { maxLength: 63 }),
        (extra, index, proof) => {
          const p = {
            ...(extra === undefined ? {} : { extra: Buffer.from(extra) }),
            index,
            proof,
            note: cosigned,
          };
          expect(value(parseTlogProof(formatTlogProof(p)))).toEqual(p);
        },
      ),
      { numRuns: 50 },
    );
  });

  const h = seed('p1').toString('base64');
  const cases: [string, string, RegExp][] = [
    ['a wrong header', `c2sp.org/tlog-proof@v2\nindex 1\n\n${cosigned}`, /first line/],
    ['no index line', `c2sp.org/tlog-proof@v1\n${h}\n\n${cosigned}`, /index/],
    ['an index with a leading zero', `c2sp.org/tlog-proof@v1\nindex 01\n\n${cosigned}`, /leading zeroes/],
    ['an empty extra', `c2sp.org/tlog-proof@v1\nextra \nindex 1\n\n${cosigned}`, /extra/],
    ['extra after index', `c2sp.org/tlog-proof@v1\nindex 1\nextra AA==\n\n${cosigned}`, /proof line 1/],
    [
      '64 proof hashes',
      `c2sp.org/tlog-proof@v1\nindex 1\n${`${h}\n`.repeat(64)}\n${cosigned}`,
      /more than 63/,
    ],
    ['a truncated note', `c2sp.org/tlog-proof@v1\nindex 1\n\n${cosigned.slice(0, -1)}`, /final newline/],
    ['only the header', 'c2sp.org/tlog-proof@v1\n', /index/],
  ];
  for (const [name, text, expected] of cases)
    it(`rejects ${name}`, () => {
      expect(reason(parseTlogProof(text))).toMatch(expected);
    });

  it('refuses to format an empty extra or a bad index', () => {
    expect(() => formatTlogProof({ extra: Buffer.alloc(0), index: 1, proof: [], note: cosigned })).toThrow(
      /extra/,
    );
    expect(() => formatTlogProof({ index: 1.5, proof: [], note: cosigned })).toThrow(/index/);
  });
});

describe('strict base64', () => {
  it('decodes every canonical encoding and nothing else (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        expect(decodeBase64(text)).toEqual(Buffer.from(bytes));
        expect(decodeBase64(`${text} `)).toBeUndefined();
        expect(decodeBase64(`${text}=`)).toBeUndefined();
        if (text.endsWith('=')) expect(decodeBase64(text.replace(/=+$/, ''))).toBeUndefined();
      }),
    );
    expect(decodeBase64('QQ')).toBeUndefined();
    expect(decodeBase64('QR==')).toBeUndefined();
    expect(decodeBase64('QQ==')).toEqual(Buffer.from('A'));
  });
});
