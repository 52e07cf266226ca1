import { randomUUID } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { MailDeliveryError, type MailSender } from '../../features/notifications/mail-sender.port';
import { buildMessage, dotStuff, isSafeAddress } from './mime';

interface Reply {
  code: number;
  lines: string[];
}

/** Where and how to reach the SMTP server, from SMTP_URL. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** smtps: TLS from the first byte; smtp: plain, upgraded with STARTTLS when the server offers it. */
  isImplicitTls: boolean;
  user: string | undefined;
  password: string | undefined;
}

/** Reads `smtp://[user:pass@]host[:port]` (default port 587) or `smtps://…` (465). */
export function parseSmtpUrl(raw: string): SmtpSettings {
  const url = new URL(raw);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new Error('SMTP_URL must be smtp:// or smtps://');
  const isImplicitTls = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : isImplicitTls ? 465 : 587,
    isImplicitTls,
    user: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
  };
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

/** One SMTP conversation: a line reader over the socket (replaced by STARTTLS) and commands. */
class SmtpSession {
  private buffer = '';
  private replyLines: string[] = [];
  private waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void } | undefined;
  private ready: Reply[] = [];
  private failure: Error | undefined;

  constructor(
    public socket: net.Socket,
    private readonly timeoutMs: number,
  ) {
    this.attach(socket);
  }

  attach(socket: net.Socket): void {
    this.socket = socket;
    this.buffer = '';
    socket.setTimeout(this.timeoutMs);
    socket.on('data', (chunk: Buffer) => this.onData(chunk.toString('utf8')));
    socket.on('timeout', () => this.fail(new MailDeliveryError('SMTP server timed out', true)));
    socket.on('error', (e) => this.fail(new MailDeliveryError(`SMTP connection failed: ${e.message}`, true)));
    socket.on('close', () => this.fail(new MailDeliveryError('SMTP server closed the connection', true)));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    const w = this.waiting;
    this.waiting = undefined;
    w?.reject(this.failure);
  }

  private onData(text: string): void {
    this.buffer += text;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, '');
      this.buffer = this.buffer.slice(nl + 1);
      this.replyLines.push(line);
      if (!/^\d{3}-/.test(line)) {
        const code = Number(line.slice(0, 3));
        const reply = {
          code: Number.isInteger(code) ? code : 0,
          lines: this.replyLines.map((l) => l.slice(4)),
        };
        this.replyLines = [];
        const w = this.waiting;
        this.waiting = undefined;
        if (w) w.resolve(reply);
        else this.ready.push(reply);
      }
    }
  }

  read(): Promise<Reply> {
    const next = this.ready.shift();
    if (next) return Promise.resolve(next);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  /** Sends a line (or nothing) and reads the reply, which must have one of `expect`'s codes. */
  async command(
    line: string | undefined,
    expect: number[],
    what = line?.split(' ')[0] ?? 'greeting',
  ): Promise<Reply> {
    if (line !== undefined) this.socket.write(`${line}\r\n`);
    const reply = await this.read();
    if (!expect.includes(reply.code)) {
      const text = `${what}: ${reply.code} ${reply.lines.join(' ').slice(0, 200)}`;
      throw new MailDeliveryError(`SMTP server refused ${text}`, reply.code < 500, reply.code);
    }
    return reply;
  }

  /** Drops the socket without failing the pending read (after QUIT, or on error). */
  close(): void {
    this.failure ??= new Error('closed');
    this.socket.removeAllListeners('close');
    this.socket.on('error', () => {});
    this.socket.destroy();
  }
}

function connect(
  settings: SmtpSettings,
  timeoutMs: number,
  tlsOptions: tls.ConnectionOptions,
): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) =>
      reject(new MailDeliveryError(`cannot reach the SMTP server: ${e.message}`, true));
    const socket = settings.isImplicitTls
      ? tls.connect(
          { host: settings.host, port: settings.port, servername: settings.host, ...tlsOptions },
          () => resolve(socket),
        )
      : net.connect({ host: settings.host, port: settings.port }, () => resolve(socket));
    socket.once('error', onError);
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new MailDeliveryError('SMTP server did not answer in time', true));
    });
  });
}

function upgrade(
  socket: net.Socket,
  host: string,
  tlsOptions: tls.ConnectionOptions,
): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    socket.removeAllListeners('data');
    socket.removeAllListeners('timeout');
    socket.removeAllListeners('error');
    socket.removeAllListeners('close');
    const secure = tls.connect({ socket, servername: host, ...tlsOptions }, () => resolve(secure));
    secure.once('error', (e) => reject(new MailDeliveryError(`STARTTLS failed: ${e.message}`, true)));
  });
}

/**
 * SMTP delivery written on node:net and node:tls (RFC 5321): EHLO; STARTTLS when offered (then EHLO
 * again); AUTH PLAIN or LOGIN when the URL has credentials (only over TLS, or to a loopback server);
 * MAIL FROM, RCPT TO, DATA with dot-stuffing; the subject RFC 2047-encoded; QUIT. One connection
 * per message (notification volumes are small). 4xx answers and network trouble are retryable,
 * 5xx permanent.
 */
export function createSmtpMailSender({
  url,
  from,
  heloName = 'mianqian.localhost',
  timeoutMs = 30_000,
  tlsOptions = {},
  requireTls = false,
}: {
  url: string;
  from: string;
  heloName?: string;
  timeoutMs?: number;
  /** Extra TLS options (tests: a private CA). */
  tlsOptions?: tls.ConnectionOptions;
  /** Refuse to send over a connection that STARTTLS did not protect (smtp:// to a server without it). */
  requireTls?: boolean;
}): MailSender {
  const settings = parseSmtpUrl(url);
  if (!isSafeAddress(from)) throw new Error('MAIL_FROM is not a plain e-mail address');
  const domain = from.split('@')[1]!;
  return {
    kind: 'smtp',
    async send({ to, subject, text }) {
      if (!isSafeAddress(to)) throw new MailDeliveryError('the recipient address is not valid', false);
      const socket = await connect(settings, timeoutMs, tlsOptions);
      const session = new SmtpSession(socket, timeoutMs);
      try {
        await session.command(undefined, [220]);
        let ehlo = await session.command(`EHLO ${heloName}`, [250]);
        let isSecure = settings.isImplicitTls;
        const offers = (r: Reply, word: string) =>
          r.lines.some((l) => l.toUpperCase().split(' ')[0] === word);
        if (!isSecure && offers(ehlo, 'STARTTLS')) {
          await session.command('STARTTLS', [220]);
          session.attach(await upgrade(session.socket, settings.host, tlsOptions));
          isSecure = true;
          ehlo = await session.command(`EHLO ${heloName}`, [250]);
        }
        if (!isSecure && requireTls)
          throw new MailDeliveryError('the SMTP server offers no STARTTLS and TLS is required', false);
        if (settings.user !== undefined) {
          if (!isSecure && !isLoopback(settings.host))
            throw new MailDeliveryError(
              'refusing to send SMTP credentials over an unencrypted connection',
              false,
            );
          const auth =
            ehlo.lines
              .find((l) => l.toUpperCase().startsWith('AUTH'))
              ?.toUpperCase()
              .split(/[ =]/) ?? [];
          const password = settings.password ?? '';
          if (auth.includes('PLAIN')) {
            const token = Buffer.from(`\0${settings.user}\0${password}`, 'utf8').toString('base64');
            await session.command(`AUTH PLAIN ${token}`, [235], 'AUTH PLAIN');
          } else if (auth.includes('LOGIN')) {
            await session.command('AUTH LOGIN', [334]);
            await session.command(
              Buffer.from(settings.user, 'utf8').toString('base64'),
              [334],
              'AUTH LOGIN user',
            );
            await session.command(
              Buffer.from(password, 'utf8').toString('base64'),
              [235],
              'AUTH LOGIN password',
            );
          } else
            throw new MailDeliveryError('the SMTP server offers neither AUTH PLAIN nor AUTH LOGIN', false);
        }
        const message = buildMessage({
          from,
          to,
          subject,
          text,
          date: new Date(),
          messageId: `${randomUUID()}@${domain}`,
          is8bit: offers(ehlo, '8BITMIME'),
        });
        await session.command(
          `MAIL FROM:<${from}>${message.is8bit ? ' BODY=8BITMIME' : ''}`,
          [250],
          'MAIL FROM',
        );
        await session.command(`RCPT TO:<${to}>`, [250, 251], 'RCPT TO');
        await session.command('DATA', [354]);
        const stuffed = dotStuff(message.data);
        await session.command(`${stuffed}${stuffed.endsWith('\r\n') ? '' : '\r\n'}.`, [250], 'message');
        // Accepted: a failing QUIT changes nothing.
        session.socket.write('QUIT\r\n');
        await Promise.race([session.read().catch(() => undefined), new Promise((r) => setTimeout(r, 1_000))]);
      } finally {
        session.close();
      }
    },
  };
}
