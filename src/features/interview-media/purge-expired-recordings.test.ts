import { describe, expect, it } from 'vitest';
import type { RecordingRow, RecordingStore } from './interview-media.ports';
import { purgeExpiredRecordings } from './purge-expired-recordings';

const row = (id: string, createdAt: string): RecordingRow => ({
  id,
  interviewId: 'i',
  applicationId: 'a',
  sessionId: id,
  path: `/r/${id}.webm`,
  sha256: '0'.repeat(64),
  durationMs: 1,
  sizeBytes: 1,
  participants: [],
  segments: [],
  sessionStartedAt: new Date(createdAt),
  createdAt: new Date(createdAt),
  ledgerIndex: 0,
});

describe('purgeExpiredRecordings', () => {
  it('deletes the files and rows older than the retention, keeps the rest', async () => {
    const old = row('old', '2026-01-01T00:00:00Z');
    const segment = { accountId: 'b', role: 'borrower', kind: 'camera' as const, offsetMs: 0, durationMs: 1 };
    // A segment named outside the composite's directory is never followed.
    old.segments = [
      { ...segment, file: 'old-b-camera-1.webm' },
      { ...segment, file: '../../etc/passwd' },
    ];
    const rows = [old, row('recent', '2026-11-01T00:00:00Z')];
    const removed: string[] = [];
    const recordings: RecordingStore = {
      insert: async () => {},
      listForInterview: async () => rows,
      get: async (id) => rows.find((r) => r.id === id),
      listCreatedBefore: async (before) => rows.filter((r) => r.createdAt < before),
      delete: async (id) =>
        void rows.splice(
          rows.findIndex((r) => r.id === id),
          1,
        ),
    };
    const result = await purgeExpiredRecordings({
      recordings,
      clock: () => new Date('2026-11-29T00:00:00Z'),
      removeFile: async (path) => void removed.push(path),
      retentionDays: 183,
    });
    expect(result.deleted).toEqual(['old']);
    expect(removed).toEqual(['/r/old-b-camera-1.webm', '/r/old.webm']);
    expect(rows.map((r) => r.id)).toEqual(['recent']);
  });
});
