import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import { createTestPlatform, TestClient, uniqueMobile, type TestPlatform } from '../support/test-platform';

const redisUrl = process.env.TEST_REDIS_URL;

/** With REDIS_URL configured, sessions and rate-limit counters live in Redis and are shared by nodes. */
describe.runIf(redisUrl)('sessions and rate limits in Redis', () => {
  let nodeA: TestPlatform;
  let nodeB: TestPlatform;
  beforeAll(async () => {
    nodeA = await createTestPlatform({ target: 'postgres', overrides: { redisUrl } });
    // A second API node sharing only Redis with the first.
    nodeB = await createTestPlatform({ target: 'pglite', overrides: { redisUrl } });
  });
  afterAll(async () => {
    await nodeA.close();
    await nodeB.close();
  });

  it('keeps sessions in Redis: created, restored, ended by logout and by disabling the account', async () => {
    const c = new TestClient(nodeA.app);
    const r = await c.register();
    expect(r.status).toBe(201);
    const keys = await nodeA.infra.redis!.keys('mq:session:*');
    expect(keys.length).toBeGreaterThan(0);
    expect((await c.call('GET', '/api/session')).status).toBe(200);
    expect((await c.call('DELETE', '/api/session')).status).toBe(200);
    expect((await c.call('GET', '/api/session')).status).toBe(401);

    const mobile = uniqueMobile();
    const staff = await createStaffAccount({
      deps: nodeA.infra,
      input: { mobile, password: 'officer passphrase', displayName: '经理', role: 'loan_officer' },
    });
    const officer = new TestClient(nodeA.app);
    await officer.login(mobile, 'officer passphrase');
    expect((await officer.call('GET', '/api/staff/applications')).status).toBe(200);
    await nodeA.infra.accounts.setDisabled({ accountId: staff.id, isDisabled: true });
    expect((await officer.call('GET', '/api/session')).status).toBe(401);
  });

  it('counts rate limits across nodes', async () => {
    const key = `test:${randomUUID()}`;
    const hits = [];
    for (let i = 0; i < 3; i++)
      hits.push(await nodeA.infra.rateLimiter.hit({ key, limit: 4, windowSeconds: 60 }));
    for (let i = 0; i < 2; i++)
      hits.push(await nodeB.infra.rateLimiter.hit({ key, limit: 4, windowSeconds: 60 }));
    expect(hits.map((h) => h.isAllowed)).toEqual([true, true, true, true, false]);
    expect(hits[4]!.retryAfterSeconds).toBeGreaterThan(0);
  });
});
