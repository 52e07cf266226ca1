import { resolve } from 'node:path';

/**
 * Configuration: read once from the environment (and CLI flags), validated, frozen. Every setting is
 * listed in README.md's configuration reference.
 */
export interface Config {
  readonly mode: 'production' | 'development' | 'test';
  readonly host: string;
  readonly port: number;
  /** Where the embedded database, blobs and generated keys live. */
  readonly dataDir: string;
  /** A PostgreSQL server; when unset the embedded PGlite database in `dataDir` is used. */
  readonly databaseUrl: string | undefined;
  /**
   * Server processes on this machine (`mianqian start` forks them; they share the port). More than one
   * needs PostgreSQL: the embedded database belongs to one process.
   */
  readonly workers: number;
  /** PostgreSQL pool size per process. */
  readonly databasePoolSize: number;
  /** Redis for sessions and rate-limit counters; when unset they live in the database. */
  readonly redisUrl: string | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** 32-byte key-encryption key (base64) for personal data; generated into `dataDir` when unset outside production. */
  readonly masterKey: string | undefined;
  /** Secure, `__Host-` session cookie. Off only for plain-HTTP development on a non-localhost name. */
  readonly cookieSecure: boolean;
  readonly sessionIdleMinutes: number;
  readonly sessionAbsoluteHours: number;
  readonly maxUploadBytes: number;
  /** Trust X-Forwarded-* from a load balancer (only behind one). */
  readonly trustProxy: boolean;
  /** Built web app to serve. */
  readonly webDistDir: string;
  readonly loginAttemptsPerIpPerMinute: number;
  readonly registrationsPerIpPerHour: number;
  /** Failed logins in a row that lock an account, and for how long. */
  readonly lockoutThreshold: number;
  readonly lockoutMinutes: number;
  /** Drafts untouched this long expire. */
  readonly draftExpiryDays: number;
  /** The evidence ledger's origin (first checkpoint line, and its key's name), e.g. bank.example/mianqian/ledger. */
  readonly ledgerOrigin: string;
  /** The ledger's checkpoint signing key (`PRIVATE+KEY+<origin>+…`); generated into `dataDir/keys` when unset outside production. */
  readonly ledgerSigningKey: string | undefined;
  /** Witnesses asked to cosign every checkpoint: name, URL prefix and cosignature verifier key. */
  readonly ledgerWitnesses: readonly { readonly name: string; readonly url: string; readonly vkey: string }[];
  /** Cosignatures a checkpoint needs before it is published (default: all configured witnesses). */
  readonly ledgerRequiredCosignatures: number;
  /** How often a node integrates new entries and signs a checkpoint. */
  readonly ledgerIntegrateIntervalMs: number;
  /** This node's name as a witness of other logs; unset = it witnesses none. */
  readonly witnessName: string | undefined;
  /** Its cosigning key (`PRIVATE+KEY+<name>+…`, type 0x04); generated into `dataDir/keys` when unset outside production. */
  readonly witnessKey: string | undefined;
  /** The logs it witnesses: origin and the log's verifier key. */
  readonly witnessLogs: readonly { readonly origin: string; readonly vkey: string }[];
  /** The signing PKI's files (certificates, CRL, issuing and bank keys; never the root key); generated into `dataDir/keys/pki` when unset outside production. */
  readonly pkiDir: string | undefined;
  /**
   * The platform's public base URL (e.g. https://bank.example): when set, newly issued signer,
   * organisation and TSA certificates point their CRL distribution point and AIA (OCSP, caIssuers)
   * at `<url>/api/pki/...`. Unset: no AIA, and the CDP keeps its placeholder.
   */
  readonly pkiPublicUrl: string | undefined;
  /** WebAuthn relying-party ID for passkeys: the site's registrable domain (e.g. bank.example). */
  /**
   * Test mode only: the liveness challenge every face check gets, so a browser test can feed the fake
   * camera a video of that head turn (the challenge is otherwise random).
   */
  readonly testFaceChallenge: 'turn_left' | 'turn_right' | undefined;
  readonly webauthnRpId: string;
  /** Origins passkey ceremonies may come from; unset = `http://localhost:<the port the server listens on>`. */
  readonly webauthnOrigins: readonly string[] | undefined;
  /**
   * The SMTP server notification e-mail goes through: `smtp://[user:pass@]host[:port]` (STARTTLS when
   * offered) or `smtps://…` (TLS from the start). Unset: mail stays in the development outbox (in
   * production a warning is logged and mail waits, queued, until SMTP_URL is set). docs/notifications.md.
   */
  readonly smtpUrl: string | undefined;
  /** The sender address of notification e-mail (needed with SMTP_URL), e.g. noreply@bank.example. */
  readonly mailFrom: string | undefined;
  /**
   * The local-file credit bureau's records (fixtures/credit-bureau/records.json by default): the
   * stand-in for the real bureau's adapter outside production. `CREDIT_BUREAU_FILE`.
   */
  readonly creditBureauFile: string | undefined;
  /**
   * Benchmark only (`MIANQIAN_BENCH_SCRIPTED_INTERVIEW=1`, bench/journey): a loan officer may move an
   * application from under_review to risk_control through a scripted interview route, standing in for
   * the video interview (issue 7). Refused in production mode.
   */
  readonly benchScriptedInterview: boolean;
  /**
   * STUN/TURN servers for the interview room's WebRTC (server peer and browsers): a JSON list of
   * `{urls, username?, credential?}`. Default none (host candidates only): no public server is ever used
   * unless configured. `ICE_SERVERS`, docs/interview-media.md.
   */
  readonly iceServers: readonly {
    readonly urls: string | readonly string[];
    readonly username?: string;
    readonly credential?: string;
  }[];
  /** Where interview recordings (segments and composites) are written; default `<dataDir>/recordings`. `RECORDINGS_DIR`. */
  readonly recordingsDir: string | undefined;
  /**
   * Interview recordings are kept at least this many days before the retention job may delete them
   * (policy: 6 months after the contract ends; default 3650). `RECORDING_RETENTION_DAYS`.
   */
  readonly recordingRetentionDays: number;
  /**
   * A rejected, withdrawn or expired application keeps its personal data this many days, then the
   * retention job erases it (docs/personal-data.md; default 365). `CLOSED_APPLICATION_RETENTION_DAYS`.
   */
  readonly closedApplicationRetentionDays: number;
}

export type ConfigOverrides = { -readonly [K in keyof Config]?: Config[K] };

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got ${JSON.stringify(raw)}`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(raw)}`);
}

function jsonList<T>(env: NodeJS.ProcessEnv, name: string, keys: readonly string[]): T[] {
  const raw = env[name];
  if (raw === undefined || raw === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(`${name} must be a JSON array`);
  }
  if (
    !Array.isArray(parsed) ||
    !parsed.every(
      (o) =>
        typeof o === 'object' &&
        o !== null &&
        keys.every(
          (k) =>
            typeof (o as Record<string, unknown>)[k] === 'string' && (o as Record<string, string>)[k] !== '',
        ),
    )
  )
    throw new ConfigError(`${name} must be a JSON array of objects with ${keys.join(', ')}`);
  return parsed as T[];
}

/** WEBAUTHN_ORIGIN: a comma-separated list of http(s) origins (scheme, host, optional port; no path). */
function originList(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const origins = raw.split(',').map((o) => o.trim().replace(/\/$/, ''));
  for (const o of origins)
    if (!/^https?:\/\/[^/\s?#]+$/.test(o))
      throw new ConfigError(
        `WEBAUTHN_ORIGIN must be a comma list of origins like https://bank.example, got ${JSON.stringify(o)}`,
      );
  return origins;
}

/**
 * A public base URL: http(s), a host, an optional path, no query or fragment; returned without a
 * trailing slash. Throws ConfigError naming `name` otherwise (PKI_PUBLIC_URL, --public-url).
 */
export function publicBaseUrl(raw: string, name: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `${name} must be an http(s) URL like https://bank.example, got ${JSON.stringify(raw)}`,
    );
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username || url.password)
    throw new ConfigError(
      `${name} must be an http(s) URL with no query, fragment or credentials, got ${JSON.stringify(raw)}`,
    );
  return url.href.replace(/\/+$/, '');
}

/** ICE_SERVERS: a JSON list of {urls (string or list of stun:/turn:/turns: URLs), username?, credential?}. */
function iceServerList(raw: string | undefined): Config['iceServers'] {
  if (raw === undefined || raw.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('ICE_SERVERS must be a JSON array');
  }
  const isUrl = (u: unknown) => typeof u === 'string' && /^(stun|turn|turns):\S+$/.test(u);
  const ok =
    Array.isArray(parsed) &&
    parsed.every((o: unknown) => {
      if (typeof o !== 'object' || o === null) return false;
      const { urls, username, credential } = o as Record<string, unknown>;
      return (
        (isUrl(urls) || (Array.isArray(urls) && urls.length > 0 && urls.every(isUrl))) &&
        (username === undefined || typeof username === 'string') &&
        (credential === undefined || typeof credential === 'string')
      );
    });
  if (!ok)
    throw new ConfigError(
      'ICE_SERVERS must be a JSON array of {"urls": "turn:host:3478", "username"?, "credential"?}',
    );
  return parsed as Config['iceServers'];
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Parses the environment into a frozen Config; overrides (CLI flags, tests) win over the environment. */
export function loadConfig({
  env = process.env,
  overrides = {},
}: { env?: NodeJS.ProcessEnv; overrides?: ConfigOverrides } = {}): Config {
  const modeRaw =
    env.MIANQIAN_MODE ??
    (env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development');
  if (!['production', 'development', 'test'].includes(modeRaw))
    throw new ConfigError(`MIANQIAN_MODE must be production, development or test`);
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!(logLevels as readonly string[]).includes(logLevel))
    throw new ConfigError(`LOG_LEVEL must be one of ${logLevels.join(', ')}`);
  const masterKey = env.MIANQIAN_MASTER_KEY || undefined;
  if (masterKey !== undefined && Buffer.from(masterKey, 'base64').length !== 32)
    throw new ConfigError('MIANQIAN_MASTER_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  const ledgerWitnesses = jsonList<Config['ledgerWitnesses'][number]>(env, 'LEDGER_WITNESSES', [
    'name',
    'url',
    'vkey',
  ]);
  if (env.LEDGER_ORIGIN !== undefined && !/^[^\s+]+$/.test(env.LEDGER_ORIGIN))
    throw new ConfigError('LEDGER_ORIGIN must be non-empty with no spaces or +');
  const config: Config = {
    mode: modeRaw as Config['mode'],
    host: env.HOST ?? '0.0.0.0',
    port: int(env, 'PORT', 3000, 0, 65535),
    dataDir: resolve(env.MIANQIAN_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 16, 1, 500),
    workers: int(env, 'WORKERS', 1, 1, 64),
    redisUrl: env.REDIS_URL || undefined,
    logLevel: logLevel as Config['logLevel'],
    masterKey,
    cookieSecure: bool(env, 'COOKIE_SECURE', true),
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: int(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    maxUploadBytes: int(env, 'MAX_UPLOAD_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    webDistDir: resolve(env.MIANQIAN_WEB_DIST ?? 'web/dist'),
    loginAttemptsPerIpPerMinute: int(env, 'LOGIN_ATTEMPTS_PER_IP_PER_MINUTE', 30, 1, 1_000_000),
    registrationsPerIpPerHour: int(env, 'REGISTRATIONS_PER_IP_PER_HOUR', 20, 1, 1_000_000),
    lockoutThreshold: int(env, 'LOCKOUT_THRESHOLD', 5, 1, 100),
    lockoutMinutes: int(env, 'LOCKOUT_MINUTES', 15, 1, 24 * 60),
    draftExpiryDays: int(env, 'DRAFT_EXPIRY_DAYS', 30, 1, 3650),
    ledgerOrigin: env.LEDGER_ORIGIN || 'mianqian.localhost/ledger',
    ledgerSigningKey: env.LEDGER_SIGNING_KEY || undefined,
    ledgerWitnesses,
    ledgerRequiredCosignatures: int(
      env,
      'LEDGER_REQUIRED_COSIGNATURES',
      ledgerWitnesses.length,
      0,
      ledgerWitnesses.length,
    ),
    ledgerIntegrateIntervalMs: int(env, 'LEDGER_INTEGRATE_INTERVAL_MS', 500, 10, 60_000),
    witnessName: env.WITNESS_NAME || undefined,
    witnessKey: env.WITNESS_KEY || undefined,
    witnessLogs: jsonList(env, 'WITNESS_LOGS', ['origin', 'vkey']),
    pkiDir: env.PKI_DIR ? resolve(env.PKI_DIR) : undefined,
    pkiPublicUrl: env.PKI_PUBLIC_URL ? publicBaseUrl(env.PKI_PUBLIC_URL, 'PKI_PUBLIC_URL') : undefined,
    webauthnRpId: env.WEBAUTHN_RP_ID || 'localhost',
    testFaceChallenge: (env.MIANQIAN_TEST_FACE_CHALLENGE || undefined) as Config['testFaceChallenge'],
    webauthnOrigins: originList(env.WEBAUTHN_ORIGIN),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || undefined,
    creditBureauFile: env.CREDIT_BUREAU_FILE ? resolve(env.CREDIT_BUREAU_FILE) : undefined,
    benchScriptedInterview: bool(env, 'MIANQIAN_BENCH_SCRIPTED_INTERVIEW', false),
    iceServers: iceServerList(env.ICE_SERVERS),
    recordingsDir: env.RECORDINGS_DIR ? resolve(env.RECORDINGS_DIR) : undefined,
    recordingRetentionDays: int(env, 'RECORDING_RETENTION_DAYS', 3650, 183, 36500),
    closedApplicationRetentionDays: int(env, 'CLOSED_APPLICATION_RETENTION_DAYS', 365, 30, 36500),
  };
  const merged = {
    ...config,
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  } as Config;
  if (merged.testFaceChallenge !== undefined && merged.mode !== 'test')
    throw new ConfigError('MIANQIAN_TEST_FACE_CHALLENGE is for test mode only');
  if (
    merged.testFaceChallenge !== undefined &&
    !['turn_left', 'turn_right'].includes(merged.testFaceChallenge)
  )
    throw new ConfigError('MIANQIAN_TEST_FACE_CHALLENGE must be turn_left or turn_right');
  if (merged.smtpUrl !== undefined) {
    let smtp: URL | undefined;
    try {
      smtp = new URL(merged.smtpUrl);
    } catch {
      smtp = undefined;
    }
    if (!smtp || !['smtp:', 'smtps:'].includes(smtp.protocol) || !smtp.hostname)
      throw new ConfigError(
        'SMTP_URL must look like smtp://user:pass@host:587 or smtps://user:pass@host:465',
      );
    if (merged.mailFrom === undefined) throw new ConfigError('SMTP_URL needs MAIL_FROM (the sender address)');
  }
  if (merged.mailFrom !== undefined && !/^[^\s@<>]+@[^\s@<>]+$/.test(merged.mailFrom))
    throw new ConfigError('MAIL_FROM must be an e-mail address like noreply@bank.example');
  if (merged.benchScriptedInterview && merged.mode === 'production')
    throw new ConfigError('MIANQIAN_BENCH_SCRIPTED_INTERVIEW is for benchmarks: production refuses it');
  if (merged.creditBureauFile !== undefined && merged.mode === 'production')
    throw new ConfigError(
      'CREDIT_BUREAU_FILE is the local stand-in bureau: production uses the real adapter',
    );
  if (merged.workers > 1 && merged.databaseUrl === undefined)
    throw new ConfigError(
      'WORKERS above 1 needs PostgreSQL (DATABASE_URL): the embedded database belongs to one process',
    );
  if (merged.mode === 'production' && merged.ledgerSigningKey === undefined)
    throw new ConfigError('Production needs LEDGER_SIGNING_KEY (the evidence ledger’s checkpoint key)');
  if (merged.mode === 'production' && merged.witnessName !== undefined && merged.witnessKey === undefined)
    throw new ConfigError('Production needs WITNESS_KEY when WITNESS_NAME is set');
  if (merged.mode === 'production' && merged.masterKey === undefined)
    throw new ConfigError(
      'Production needs MIANQIAN_MASTER_KEY (the key that protects personal data at rest)',
    );
  if (merged.mode === 'production' && merged.pkiDir === undefined)
    throw new ConfigError(
      'Production needs PKI_DIR (the signing PKI from `mianqian pki ceremony`, without the root key)',
    );
  return Object.freeze({ ...merged, dataDir: resolve(merged.dataDir) });
}
