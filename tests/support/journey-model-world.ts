import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { samplePdf } from '../../src/cli/seed-demo';
import { SIGNING_INTENT_VERSION } from '../../src/contracts/loan-contracts.schema';
import { idNumberCheckCharacter } from '../../src/core/identity/id-number';
import { base32Decode, totpCode } from '../../src/core/identity/totp';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import { defaultBureauRecordsFile } from '../../src/infra/risk/local-file-credit-bureau';
import {
  createTestPlatform,
  TestClient,
  type Answer,
  type DbTarget,
  type TestPlatform,
} from './test-platform';

/**
 * The real platform the journey model (tests/prove/journey-model.test.ts) drives: one in-process app
 * on the test platform, shared by every run, with the scripted interview route on (the benchmark's
 * stand-in for the video interview) and a local credit bureau file holding one good-payer record per
 * person the runs may use. Borrowers are fresh per run, so runs do not see each other's state. The
 * staff work in crews (loan officer, risk officer, two approvers), one per lane of runs taken at the
 * same time, as a bank's teams work side by side; one administrator serves them all.
 *
 * Every step goes through `app.inject()` as a browser would: session cookie, CSRF token, TOTP step-up,
 * Idempotency-Key. Nothing is moved inside the server behind the API's back.
 */

/** How many different people the bureau file knows; runs take them in turn (2 borrowers a run). */
const PEOPLE = 40_000;
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明';

export interface Person {
  name: string;
  idNumber: string;
}

/** The index-th invented person: a valid 18-character ID number and a name of 3 characters. */
export function personAt(index: number): Person {
  const birth = new Date(Date.UTC(1962, 0, 1) + (index % 12_000) * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `310104${ymd}${String(100 + Math.floor(index / 12_000)).padStart(3, '0')}`;
  return {
    idNumber: first17 + idNumberCheckCharacter(first17),
    name: `${surnames[index % surnames.length]}${given[Math.floor(index / 20) % given.length]}${given[index % given.length]}`,
  };
}

/** A bureau file with the shipped records plus a good payer (the demo borrower's report) per person. */
function writeBureau(dataDir: string): string {
  const shipped = JSON.parse(readFileSync(defaultBureauRecordsFile, 'utf8')) as {
    format: string;
    records: Record<string, { features: Record<string, unknown> }>;
  };
  const good = shipped.records['310104198805121230']!.features;
  const records: Record<string, unknown> = { ...shipped.records };
  for (let i = 0; i < PEOPLE; i++) {
    const p = personAt(i);
    records[p.idNumber] = { name: p.name, note: 'journey model borrower', features: good };
  }
  const file = join(dataDir, 'journey-model-bureau.json');
  writeFileSync(file, JSON.stringify({ format: shipped.format, records }));
  return file;
}

/** A client that can prove a fresh second factor with its TOTP secret (a code is good once: next step). */
export class FactorClient extends TestClient {
  totpSecret: Uint8Array | undefined;
  lastStep = 0;
  steppedUpAt = 0;

  /** As a browser keeps it: any answer that carries a CSRF token (login, step-up) replaces the old one. */
  override async call<T = any>(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    const a = await super.call<T>(method, url, body, headers);
    const token = (a.body as { csrfToken?: unknown } | undefined)?.csrfToken;
    if (a.status < 300 && typeof token === 'string') this.csrf = token;
    return a;
  }

  async enrolTotp(): Promise<Answer> {
    const enrolment = await this.call('POST', '/api/security/totp/enrolment');
    if (enrolment.status !== 200) return enrolment;
    this.totpSecret = base32Decode(enrolment.body.secret)!;
    const now = Date.now();
    const confirmed = await this.call('POST', '/api/security/totp/confirm', {
      code: totpCode({ secret: this.totpSecret, at: new Date(now) }),
    });
    this.lastStep = Math.floor(now / 30_000);
    this.steppedUpAt = now;
    return confirmed;
  }

  /** A fresh second factor when the last is older than 4 minutes (step-up lasts longer than that). */
  async freshStepUp(): Promise<void> {
    if (Date.now() - this.steppedUpAt < 4 * 60_000) return;
    let step = Math.floor(Date.now() / 30_000);
    while (step <= this.lastStep) {
      await new Promise((r) => setTimeout(r, 500));
      step = Math.floor(Date.now() / 30_000);
    }
    const proved = await this.call('POST', '/api/security/step-up/totp', {
      code: totpCode({ secret: this.totpSecret!, at: new Date(step * 30_000 + 1_000) }),
    });
    if (proved.status !== 200) throw new Error(`step-up refused: ${JSON.stringify(proved.body)}`);
    this.lastStep = step;
    this.steppedUpAt = Date.now();
  }
}

/** A crew of the bank's staff: one lane of runs uses one crew, so lanes never share a session. */
export interface Staff {
  officer: FactorClient;
  risk: FactorClient;
  approvers: FactorClient[];
}

export interface World {
  platform: TestPlatform;
  /** The crews, one per lane (`crews` of createWorld). */
  crews: Staff[];
  /** The administrator (development SMS outbox, seal authorisation), shared by the crews. */
  admin: FactorClient;
  /** The next unused person (bureau record). */
  nextPerson(): Person;
  /** Lets the background work a step started (the automatic risk assessment) finish. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export const evidencePdf = samplePdf('journey model evidence');
export const repaymentAccount = {
  bankName: '面签示范银行上海徐汇支行',
  accountNumber: '6222021001123456789',
};

export async function createWorld({
  target,
  crews = 1,
}: {
  target: DbTarget;
  crews?: number;
}): Promise<World> {
  // The bureau file lives in its own place: the platform's data directory is made by createTestPlatform.
  const bureauDir = mkdtempSync(join(tmpdir(), 'mq-model-bureau-'));
  const platform = await createTestPlatform({
    target,
    overrides: {
      benchScriptedInterview: true,
      creditBureauFile: writeBureau(bureauDir),
      // Every borrower registers from the same address (app.inject): a long run registers thousands.
      registrationsPerIpPerHour: 1_000_000,
    },
  });
  let mobiles = 0;
  const staffMobile = () =>
    `139${String(process.pid % 10_000).padStart(4, '0')}${String(mobiles++).padStart(4, '0')}`;
  async function staffMember(role: string): Promise<FactorClient> {
    const mobile = staffMobile();
    const password = `journey model ${role} 2026`;
    await createStaffAccount({
      deps: platform.infra,
      input: { mobile, password, displayName: `模型${role}`, role: role as 'loan_officer' },
    });
    const c = new FactorClient(platform.app);
    const login = await c.login(mobile, password);
    if (login.status !== 200) throw new Error(`staff login: ${JSON.stringify(login.body)}`);
    const enrolled = await c.enrolTotp();
    if (enrolled.status !== 200) throw new Error(`staff TOTP: ${JSON.stringify(enrolled.body)}`);
    return c;
  }
  const teams: Staff[] = [];
  for (let i = 0; i < crews; i++)
    teams.push({
      officer: await staffMember('loan_officer'),
      risk: await staffMember('risk_officer'),
      approvers: [await staffMember('approver'), await staffMember('approver')],
    });
  const admin = await staffMember('admin');
  const granted = await admin.call('POST', '/api/admin/seal-authorisations', {
    maxAmount: '10000000.00',
    reason: '旅程模型测试：合同签署后自动加盖银行合同章',
    validDays: 1,
  });
  if (granted.status >= 300) throw new Error(`seal authorisation: ${JSON.stringify(granted.body)}`);
  let person = 0;
  return {
    platform,
    crews: teams,
    admin,
    nextPerson: () => {
      if (person >= PEOPLE) throw new Error('the bureau file has no more people: raise PEOPLE');
      return personAt(person++);
    },
    settle: async () => {
      await platform.app.riskAutomation.idle();
    },
    close: async () => {
      await platform.close();
      rmSync(bureauDir, { recursive: true, force: true });
    },
  };
}

/** A scripted borrower of one run: their person, client, and what they did that the steps need. */
export class Borrower {
  readonly client: FactorClient;
  mobile: string;
  applicationId: string | undefined;
  contract: { id: string; pageCount: number; contentHash: string; amount: string } | undefined;
  /** The application's ledger entries (all kinds) at the last check. */
  ledgerEntries = 0;
  constructor(
    readonly world: World,
    /** The crew of the lane the borrower's run is in. */
    readonly staff: Staff,
    readonly person: Person,
    mobile: string,
  ) {
    this.client = new FactorClient(world.platform.app);
    this.mobile = mobile;
  }
}

/** The admin reads the phone code the development SMS outbox holds for a mobile. */
export async function phoneCodeOf(world: World, mobile: string): Promise<string | undefined> {
  const masked = `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
  const outbox = await world.admin.call('GET', '/api/admin/sms-outbox');
  const m = (outbox.body.items as { mobileMasked: string; text: string }[]).find(
    (x) => x.mobileMasked === masked,
  );
  return m ? /(\d{6})/.exec(m.text)?.[1] : undefined;
}

/** Answers of a step: the last answer decides; `steps` counts the HTTP calls made. */
export interface StepAnswer {
  status: number;
  code: string | undefined;
  body: any;
}
export const answerOf = (a: Answer): StepAnswer => ({
  status: a.status,
  code: a.status >= 400 ? (a.body?.error?.code as string | undefined) : undefined,
  body: a.body,
});

/** Runs `calls` in order and stops at the first answer that is not 2xx (returned). */
export async function chain(calls: (() => Promise<Answer>)[]): Promise<StepAnswer> {
  let last: Answer | undefined;
  for (const c of calls) {
    last = await c();
    if (last.status >= 300) return answerOf(last);
  }
  return answerOf(last!);
}

export const idempotencyKey = () => randomUUID();

/** Double-entry totals over the whole general ledger, as decimal strings. */
export async function ledgerTotals(world: World): Promise<{ debits: string; credits: string }> {
  return world.platform.infra.database.db
    .selectFrom('gl_journal_lines')
    .select([
      sql<string>`coalesce(sum(debit::numeric), 0)::text`.as('debits'),
      sql<string>`coalesce(sum(credit::numeric), 0)::text`.as('credits'),
    ])
    .executeTakeFirstOrThrow();
}

/** Journal entries of the general ledger whose own debits and credits differ (none, in a sound book). */
export async function unbalancedJournalEntries(world: World): Promise<string[]> {
  const rows = await world.platform.infra.database.db
    .selectFrom('gl_journal_lines')
    .select('entry_id')
    .groupBy('entry_id')
    .having(sql<boolean>`sum(debit::numeric) <> sum(credit::numeric)`)
    .execute();
  return rows.map((r) => r.entry_id);
}

export { SIGNING_INTENT_VERSION };
