import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import { dispatchMail } from '../../src/features/notifications/dispatch-mail';
import { MailDeliveryError, type MailSender } from '../../src/features/notifications/mail-sender.port';
import { relayNotifications } from '../../src/features/notifications/relay-notifications';
import { ConfigError, loadConfig } from '../../src/config';
import { chooseMailSender, composeNotificationsDeps } from '../../src/http/compose-operations';
import { createSmtpMailSender, parseSmtpUrl } from '../../src/infra/mail/smtp-mail-sender';
import { submittedIndividualApplication } from '../support/fixtures';
import {
  createTestPlatform,
  dbTargets,
  TestClient,
  uniqueMobile,
  type TestPlatform,
} from '../support/test-platform';

describe.each(dbTargets())('notifications on %s', (target) => {
  let p: TestPlatform;
  let borrower: TestClient;
  let other: TestClient;
  let admin: TestClient;
  let officer: TestClient;
  let applicationId: string;
  const email = 'zhang.san.notify@example.cn';

  const countRows = async (table: 'notifications' | 'mail_outbox') =>
    Number(
      (
        await p.infra.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    p = await createTestPlatform({ target });
    for (const [role, set] of [
      ['admin', (c: TestClient) => (admin = c)],
      ['loan_officer', (c: TestClient) => (officer = c)],
    ] as const) {
      const mobile = uniqueMobile();
      await createStaffAccount({
        deps: p.infra,
        input: { mobile, password: 'staff passphrase 2026', displayName: role, role },
      });
      const c = new TestClient(p.app);
      expect((await c.login(mobile, 'staff passphrase 2026')).status).toBe(200);
      set(c);
    }
    borrower = new TestClient(p.app);
    expect((await borrower.register({ displayName: '张三丰' })).status).toBe(201);
    other = new TestClient(p.app);
    expect((await other.register()).status).toBe(201);
  }, 120_000);
  afterAll(() => p?.close());

  it('keeps the e-mail preference, validated, encrypted at rest', async () => {
    expect((await borrower.call('GET', '/api/notifications/preferences')).body).toEqual({
      email: null,
      locale: 'zh-CN',
    });
    const bad = await borrower.call('PUT', '/api/notifications/preferences', {
      email: 'not an address',
      locale: 'zh-CN',
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const saved = await borrower.call('PUT', '/api/notifications/preferences', { email, locale: 'zh-CN' });
    expect(saved.status).toBe(200);
    expect((await borrower.call('GET', '/api/notifications/preferences')).body).toEqual({
      email,
      locale: 'zh-CN',
    });
    const raw = await p.infra.database.db.selectFrom('notification_preferences').selectAll().execute();
    expect(JSON.stringify(raw)).not.toContain('zhang.san');
  });

  it('a submitted application: one in-app notification and one mail after a relay pass', async () => {
    const submitted = await submittedIndividualApplication(borrower);
    expect(submitted.status).toBe(200);
    applicationId = submitted.body.id;
    await p.app.notifier.tick();
    const mine = await borrower.call('GET', '/api/notifications');
    expect(mine.status).toBe(200);
    expect(mine.body.unread).toBe(1);
    expect(mine.body.items).toHaveLength(1);
    const [n] = mine.body.items;
    expect(n).toMatchObject({ applicationId, kind: 'application.submitted', readAt: null });
    expect(n.title).toEqual({ 'zh-CN': '申请已提交', en: 'Application submitted' });
    expect(n.body['zh-CN']).toContain('张三丰');
    expect(n.body['zh-CN']).toContain(submitted.body.reference);
    // The loan officers hear of an application entering review (reference only).
    if (submitted.body.status === 'under_review') {
      const staff = await officer.call('GET', '/api/notifications');
      expect(staff.body.items.map((i: { kind: string }) => i.kind)).toEqual(['staff.review_waiting']);
      expect(staff.body.items[0].body.en).not.toContain('张三丰');
    }

    const outbox = await admin.call('GET', '/api/admin/mail-outbox');
    expect(outbox.status).toBe(200);
    expect(outbox.body.items).toHaveLength(1);
    expect(outbox.body.items[0]).toMatchObject({
      to: email,
      status: 'sent',
      attempts: 1,
      kind: 'application.submitted',
    });
    expect(outbox.body.items[0].subject).toBe('【面签】申请已提交 / Application submitted');
    expect(outbox.body.items[0].text).toContain('张三丰');
    expect((await borrower.call('GET', '/api/admin/mail-outbox')).status).toBe(403);
    expect((await other.call('GET', '/api/notifications')).body).toEqual({ items: [], unread: 0 });
  });

  it('relaying again, or with two relays at once, adds nothing', async () => {
    const before = [await countRows('notifications'), await countRows('mail_outbox')];
    await p.app.notifier.tick();
    await p.app.notifier.tick();
    const one = composeNotificationsDeps({ infra: p.infra, config: p.config });
    const two = composeNotificationsDeps({ infra: p.infra, config: p.config });
    await Promise.all([relayNotifications(one), relayNotifications(two), p.app.notifier.tick()]);
    expect([await countRows('notifications'), await countRows('mail_outbox')]).toEqual(before);

    // A new event, relayed by two relays at once, is notified exactly once.
    const withdrawn = await borrower.call('POST', `/api/applications/${applicationId}/withdraw`, {
      reason: '不需要了',
    });
    expect(withdrawn.status).toBe(200);
    await Promise.all([relayNotifications(one), relayNotifications(two), relayNotifications(one)]);
    expect(await countRows('notifications')).toBe(before[0]! + 1);
    expect(await countRows('mail_outbox')).toBe(before[1]! + 1);
    await p.app.notifier.tick();
    expect(await countRows('notifications')).toBe(before[0]! + 1);
  });

  it('marks read, one and all; nobody else can read or mark them (404)', async () => {
    const list = (await borrower.call('GET', '/api/notifications')).body;
    const first = list.items.at(-1);
    expect((await other.call('POST', `/api/notifications/${first.id}/read`)).status).toBe(404);
    expect((await officer.call('POST', `/api/notifications/${first.id}/read`)).body.error.code).toBe(
      'NOTIFICATION_NOT_FOUND',
    );
    expect((await other.call('GET', '/api/notifications')).body.items).toEqual([]);
    expect((await borrower.call('POST', `/api/notifications/${first.id}/read`)).body).toEqual({ ok: true });
    const after = (await borrower.call('GET', '/api/notifications')).body;
    expect(after.unread).toBe(list.unread - 1);
    expect(after.items.find((i: { id: string }) => i.id === first.id).readAt).not.toBeNull();
    const all = await borrower.call('POST', '/api/notifications/read-all');
    expect(all.body).toEqual({ marked: list.unread - 1 });
    expect((await borrower.call('GET', '/api/notifications')).body.unread).toBe(0);
  });

  it('keeps addresses, names and bodies out of the raw tables', async () => {
    const { db } = p.infra.database;
    const mail = JSON.stringify(await db.selectFrom('mail_outbox').selectAll().execute());
    const inbox = JSON.stringify(await db.selectFrom('notifications').selectAll().execute());
    for (const raw of [mail, inbox]) {
      expect(raw).not.toContain('zhang.san');
      expect(raw).not.toContain('张三丰');
      expect(raw).not.toContain('我们已收到');
    }
  });

  it('retries a failing delivery with backoff, fails a permanent one', async () => {
    const { db } = p.infra.database;
    await db
      .insertInto('mail_outbox')
      .values(
        ['temp', 'perm'].map((kind) => ({
          kind,
          to_enc: p.infra.cipher.encrypt(`${kind}@example.cn`),
          subject: kind,
          body_enc: p.infra.cipher.encrypt('x'),
          status: 'queued' as const,
          next_attempt_at: new Date(0),
          created_at: new Date(),
        })),
      )
      .execute();
    const failing: MailSender = {
      kind: 'smtp',
      async send({ to }) {
        throw new MailDeliveryError(
          to.startsWith('temp') ? '451 try later' : '550 no such user',
          to.startsWith('temp'),
        );
      },
    };
    const deps = { ...composeNotificationsDeps({ infra: p.infra, config: p.config }), mail: failing };
    expect(await dispatchMail(deps)).toEqual({ sent: 0, failed: 1, retried: 1 });
    const rows = await db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('kind', 'in', ['temp', 'perm'])
      .orderBy('kind')
      .execute();
    expect(rows.map((r) => [r.kind, r.status, r.attempts, r.last_error])).toEqual([
      ['perm', 'failed', 1, '550 no such user'],
      ['temp', 'queued', 1, '451 try later'],
    ]);
    expect(rows[1]!.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 50_000);
    // Not due yet: nothing to do.
    expect(await dispatchMail(deps)).toEqual({ sent: 0, failed: 0, retried: 0 });
  });
});

/** A tiny SMTP server speaking the real protocol, recording what it is told. */
function smtpServer({
  rcptReply = '250 OK',
  offer8bit = true,
}: { rcptReply?: string; offer8bit?: boolean } = {}) {
  const sessions: { commands: string[]; data: string }[] = [];
  const server = net.createServer((socket) => {
    const s = { commands: [] as string[], data: '' };
    sessions.push(s);
    let buffer = '';
    let inData = false;
    socket.write('220 test.example ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          s.data = buffer.slice(0, end + 2);
          buffer = buffer.slice(end + 5);
          inData = false;
          socket.write('250 2.0.0 queued\r\n');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        s.commands.push(line);
        const verb = line.split(/[ :]/)[0]!.toUpperCase();
        if (verb === 'EHLO')
          socket.write(`250-test.example\r\n${offer8bit ? '250-8BITMIME\r\n' : ''}250 AUTH PLAIN LOGIN\r\n`);
        else if (verb === 'AUTH') socket.write('235 2.7.0 authenticated\r\n');
        else if (verb === 'MAIL') socket.write('250 OK\r\n');
        else if (verb === 'RCPT') socket.write(`${rcptReply}\r\n`);
        else if (verb === 'DATA') {
          socket.write('354 go ahead\r\n');
          inData = true;
        } else if (verb === 'QUIT') {
          socket.end('221 bye\r\n');
          return;
        } else socket.write('502 unknown\r\n');
      }
    });
    socket.on('error', () => {});
  });
  return new Promise<{ port: number; sessions: typeof sessions; close: () => Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        sessions,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}

describe('the SMTP adapter against an SMTP server', () => {
  it('authenticates, sends with dot-stuffing and an RFC 2047 subject, and quits', async () => {
    const server = await smtpServer();
    try {
      const sender = createSmtpMailSender({
        url: `smtp://notify%40bank:s%C3%A9cret@127.0.0.1:${server.port}`,
        from: 'noreply@bank.example',
        timeoutMs: 5_000,
      });
      const text = '张三，您好：\n.一行以点开头\n.\n..two dots\nEnd';
      await sender.send({ to: 'zhang@example.cn', subject: '【面签】贷款已获批准 / Loan approved', text });
      const [s] = server.sessions;
      expect(s!.commands[0]).toBe('EHLO mianqian.localhost');
      const auth = s!.commands.find((c) => c.startsWith('AUTH PLAIN '))!;
      expect(Buffer.from(auth.slice(11), 'base64').toString('utf8')).toBe('\0notify@bank\0sécret');
      expect(s!.commands).toContain('MAIL FROM:<noreply@bank.example> BODY=8BITMIME');
      expect(s!.commands).toContain('RCPT TO:<zhang@example.cn>');
      expect(s!.commands.at(-1)).toBe('QUIT');
      // Dot-stuffed on the wire…
      expect(s!.data).toContain('\r\n..一行以点开头\r\n..\r\n...two dots\r\n');
      const [head, body] = s!.data.split('\r\n\r\n');
      // …and the original after un-stuffing.
      expect(body!.replace(/^\./gm, '').replace(/\r\n/g, '\n')).toBe(`${text}\n`);
      const subject = head!.match(/^Subject: ([\s\S]*?)\r\n(?! )/m)![1]!;
      expect(subject).toMatch(/^=\?UTF-8\?B\?/);
      const decoded = subject
        .split(/\r\n /)
        .map((w) => Buffer.from(w.match(/^=\?UTF-8\?B\?(.*)\?=$/)![1]!, 'base64').toString('utf8'))
        .join('');
      expect(decoded).toBe('【面签】贷款已获批准 / Loan approved');
      expect(head).toContain('Content-Type: text/plain; charset=UTF-8');
      expect(head).toContain('Content-Transfer-Encoding: 8bit');
    } finally {
      await server.close();
    }
  });

  it('sends quoted-printable without 8BITMIME; a 5xx is permanent, a 4xx retryable, no server retryable', async () => {
    const plain = await smtpServer({ offer8bit: false });
    try {
      await createSmtpMailSender({
        url: `smtp://127.0.0.1:${plain.port}`,
        from: 'noreply@bank.example',
      }).send({
        to: 'a@example.cn',
        subject: 'ASCII subject',
        text: '.点\nline',
      });
      const s = plain.sessions[0]!;
      expect(s.commands.some((c) => c.startsWith('AUTH'))).toBe(false);
      expect(s.data).toContain('Subject: ASCII subject\r\n');
      expect(s.data).toContain('Content-Transfer-Encoding: quoted-printable');
      expect(s.data).toContain('\r\n..=E7=82=B9\r\nline\r\n');
    } finally {
      await plain.close();
    }
    for (const [reply, isRetryable] of [
      ['550 5.1.1 no such user', false],
      ['451 4.3.0 try again later', true],
    ] as const) {
      const server = await smtpServer({ rcptReply: reply });
      try {
        const error = await createSmtpMailSender({
          url: `smtp://127.0.0.1:${server.port}`,
          from: 'noreply@bank.example',
        })
          .send({ to: 'b@example.cn', subject: 's', text: 't' })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MailDeliveryError);
        expect((error as MailDeliveryError).isRetryable).toBe(isRetryable);
        expect((error as MailDeliveryError).replyCode).toBe(Number(reply.slice(0, 3)));
      } finally {
        await server.close();
      }
    }
    const closed = await smtpServer();
    await closed.close();
    const error = await createSmtpMailSender({
      url: `smtp://127.0.0.1:${closed.port}`,
      from: 'noreply@bank.example',
    })
      .send({ to: 'c@example.cn', subject: 's', text: 't' })
      .catch((e: unknown) => e);
    expect((error as MailDeliveryError).isRetryable).toBe(true);
  });
});

describe('mail settings', () => {
  it('validates SMTP_URL and MAIL_FROM, and chooses the adapter', () => {
    const env = { MIANQIAN_MODE: 'development' };
    expect(() => loadConfig({ env: { ...env, SMTP_URL: 'http://mail.example' } })).toThrow(ConfigError);
    expect(() => loadConfig({ env: { ...env, SMTP_URL: 'smtp://mail.example' } })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig({ env: { ...env, MAIL_FROM: 'not an address' } })).toThrow(/MAIL_FROM/);
    const smtp = loadConfig({
      env: { ...env, SMTP_URL: 'smtps://u:p@mail.example', MAIL_FROM: 'noreply@bank.example' },
    });
    expect(chooseMailSender(smtp)?.kind).toBe('smtp');
    expect(chooseMailSender(loadConfig({ env }))?.kind).toBe('outbox');
    expect(chooseMailSender({ mode: 'production', smtpUrl: undefined, mailFrom: undefined })).toBeUndefined();
    expect(parseSmtpUrl('smtps://a%40b:p%3Aw@mail.example')).toEqual({
      host: 'mail.example',
      port: 465,
      isImplicitTls: true,
      user: 'a@b',
      password: 'p:w',
    });
    expect(parseSmtpUrl('smtp://mail.example').port).toBe(587);
  });
});
