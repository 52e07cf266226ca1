import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import type { RecordingRow } from '../features/interview-media/interview-media.ports';
import { createDbRecordingStore } from '../infra/media/db-recording-store';
import { openInfrastructure } from '../infra/open-infrastructure';
import { recordingsPurgeCommand } from './recordings-purge-command';

const dataDir = mkdtempSync(join(tmpdir(), 'mianqian-purge-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A session's composite and its two participants' segment files on disk, and its row. */
function session(id: string, createdAt: string): RecordingRow {
  const dir = join(dataDir, 'recordings', `interview-${id}`);
  mkdirSync(dir, { recursive: true });
  const files = [`${id}-officer-camera-1.webm`, `${id}-borrower-camera-1.webm`];
  for (const file of [...files, `${id}.webm`]) writeFileSync(join(dir, file), 'webm');
  return {
    id: crypto.randomUUID(),
    interviewId: crypto.randomUUID(),
    applicationId: crypto.randomUUID(),
    sessionId: crypto.randomUUID(),
    path: join(dir, `${id}.webm`),
    sha256: '0'.repeat(64),
    durationMs: 20_000,
    sizeBytes: 4,
    participants: [],
    segments: files.map((file, i) => ({
      accountId: `account-${i}`,
      role: i === 0 ? 'officer' : 'borrower',
      kind: 'camera' as const,
      file,
      offsetMs: 0,
      durationMs: 20_000,
    })),
    sessionStartedAt: new Date(createdAt),
    createdAt: new Date(createdAt),
    ledgerIndex: null,
  };
}

describe('mianqian recordings purge', () => {
  it('deletes recordings past the retention — composite, segment files and row — and keeps newer ones', async () => {
    const config = loadConfig({
      env: { MIANQIAN_MODE: 'test', RECORDING_RETENTION_DAYS: '200' },
      overrides: { dataDir },
    });
    const old = session('old', '2026-01-01T00:00:00Z');
    const recent = session('recent', '2026-11-01T00:00:00Z');
    const infra = await openInfrastructure({ config });
    try {
      const store = createDbRecordingStore({ db: infra.database.db });
      await store.insert(old);
      await store.insert(recent);
      // The face samples taken during each session (no images: scores, pose, flags).
      for (const r of [old, recent])
        await infra.database.db
          .insertInto('interview_face_samples')
          .values({
            id: crypto.randomUUID(),
            interview_id: r.interviewId,
            session_id: r.sessionId,
            account_id: crypto.randomUUID(),
            at: r.createdAt,
            offset_ms: 1_000,
            face_count: 1,
            match_score: 0.76,
            yaw: 2,
            pitch: 1,
            flags: '[]',
          })
          .execute();
    } finally {
      await infra.close();
    }
    const printed: string[] = [];
    const code = await recordingsPurgeCommand({
      config,
      // 2026-11-29 minus 200 days is 2026-05-13: the January session is past it, November's is not.
      clock: () => new Date('2026-11-29T00:00:00Z'),
      print: (line) => printed.push(line),
    });
    expect(code).toBe(0);
    expect(printed).toEqual([
      '1 recordings past retention (200 days after the contract ends, or after recording without a loan) purged (3 files); 0 kept for loans still running or recently ended; 0 kept under a legal hold.',
    ]);
    const oldDir = join(dataDir, 'recordings', 'interview-old');
    expect(existsSync(join(oldDir, 'old.webm'))).toBe(false);
    expect(existsSync(join(oldDir, 'old-officer-camera-1.webm'))).toBe(false);
    expect(existsSync(join(oldDir, 'old-borrower-camera-1.webm'))).toBe(false);
    const recentDir = join(dataDir, 'recordings', 'interview-recent');
    expect(existsSync(join(recentDir, 'recent.webm'))).toBe(true);
    expect(existsSync(join(recentDir, 'recent-officer-camera-1.webm'))).toBe(true);

    const reopened = await openInfrastructure({ config });
    try {
      const store = createDbRecordingStore({ db: reopened.database.db });
      expect(await store.get(old.id)).toBeUndefined();
      expect((await store.get(recent.id))?.path).toBe(recent.path);
      // The purged session's face samples went with it; the kept one's stay.
      const samples = await reopened.database.db
        .selectFrom('interview_face_samples')
        .select('session_id')
        .execute();
      expect(samples.map((s) => s.session_id)).toEqual([recent.sessionId]);
    } finally {
      await reopened.close();
    }
  }, 60_000);
});
