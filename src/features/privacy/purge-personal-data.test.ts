import { describe, expect, it } from 'vitest';
import type { PersonalDataRetention } from './personal-data-retention.port';
import { purgePersonalData } from './purge-personal-data';

const DAY_MS = 24 * 60 * 60 * 1000;

/** An in-memory port: closed applications with their close time, blob keys and an erased mark. */
function memoryRetention(apps: { id: string; closedAt: Date; blobKeys: string[] }[], log: string[]) {
  const erased = new Set<string>();
  const retention: PersonalDataRetention = {
    eraseWithdrawnFaceData: async () => ({ faceImages: 2, faceSamples: 3 }),
    closedApplicationsToErase: async ({ closedBefore, limit }) =>
      apps
        .filter((a) => !erased.has(a.id) && a.closedAt < closedBefore)
        .slice(0, limit)
        .map(({ id, blobKeys }) => ({ id, blobKeys })),
    eraseApplication: async ({ id }) => {
      log.push(`erase ${id}`);
      if (erased.has(id)) return false;
      erased.add(id);
      return true;
    },
  };
  return retention;
}

describe('purgePersonalData', () => {
  const now = new Date('2027-06-01T00:00:00Z');
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);

  it('erases only applications closed longer than the retention, their files before their row', async () => {
    const log: string[] = [];
    const result = await purgePersonalData({
      deps: {
        retention: memoryRetention(
          [
            { id: 'old', closedAt: at(400), blobKeys: ['k1', 'k2'] },
            { id: 'recent', closedAt: at(10), blobKeys: ['k3'] },
            { id: 'edge', closedAt: at(365), blobKeys: [] },
          ],
          log,
        ),
        deleteBlob: async (key) => {
          log.push(`delete ${key}`);
        },
        clock: () => now,
        closedApplicationRetentionDays: 365,
      },
    });
    expect(result).toEqual({ faceImages: 2, faceSamples: 3, applications: ['old'], blobsDeleted: 2 });
    expect(log).toEqual(['delete k1', 'delete k2', 'erase old']);
  });

  it('works through a backlog larger than one batch', async () => {
    const log: string[] = [];
    const apps = Array.from({ length: 250 }, (_, i) => ({
      id: `a${i}`,
      closedAt: at(500),
      blobKeys: [`k${i}`],
    }));
    const result = await purgePersonalData({
      deps: {
        retention: memoryRetention(apps, log),
        deleteBlob: async () => {},
        clock: () => now,
        closedApplicationRetentionDays: 365,
      },
    });
    expect(result.applications).toHaveLength(250);
    expect(result.blobsDeleted).toBe(250);
  });

  it('stops at the first failure, leaving the row for the next run (its files go again, idempotently)', async () => {
    const log: string[] = [];
    await expect(
      purgePersonalData({
        deps: {
          retention: memoryRetention([{ id: 'x', closedAt: at(400), blobKeys: ['k'] }], log),
          deleteBlob: async () => {
            throw new Error('disk gone');
          },
          clock: () => now,
          closedApplicationRetentionDays: 365,
        },
      }),
    ).rejects.toThrow('disk gone');
    expect(log).toEqual([]);
  });
});
