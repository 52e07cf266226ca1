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
      contractEndOf: async () => undefined,
      isUnderLegalHold: async () => false,
    });
    expect(result.deleted).toEqual(['old']);
    expect(removed).toEqual(['/r/old-b-camera-1.webm', '/r/old.webm']);
    expect(rows.map((r) => r.id)).toEqual(['recent']);
  });

  it('keeps the recording of a loan until 183 days after its contract ends, and any under a legal hold', async () => {
    // Recordings made on the same day, far past 183 days: a loan still running, a loan that ended 100
    // days ago, a loan that ended 200 days ago; one whose application never became a loan, and one
    // like it under a legal hold.
    const rows = ['running', 'ended-100', 'ended-200', 'no-loan', 'held'].map((id) => ({
      ...row(id, '2024-01-10T00:00:00Z'),
      applicationId: id,
    }));
    const now = new Date('2026-11-29T00:00:00Z');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const ends: Record<string, Date | undefined> = {
      running: new Date('2027-01-10T00:00:00Z'),
      'ended-100': daysAgo(100),
      'ended-200': daysAgo(200),
      'no-loan': undefined,
      held: undefined,
    };
    const asked: string[] = [];
    const result = await purgeExpiredRecordings({
      recordings: {
        insert: async () => {},
        listForInterview: async () => rows,
        get: async (id) => rows.find((r) => r.id === id),
        listCreatedBefore: async (before) => rows.filter((r) => r.createdAt < before),
        delete: async () => {},
      },
      clock: () => now,
      removeFile: async () => {},
      retentionDays: 183,
      contractEndOf: async (applicationId) => (asked.push(applicationId), ends[applicationId]),
      isUnderLegalHold: async (applicationId) => applicationId === 'held',
    });
    expect(result.deleted.sort()).toEqual(['ended-200', 'no-loan']);
    expect(result.keptForContracts).toBe(2);
    expect(result.keptForHolds).toBe(1);
    expect(asked.sort()).toEqual(['ended-100', 'ended-200', 'held', 'no-loan', 'running']);
  });
});
