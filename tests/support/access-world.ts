import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { contractJourneyAccounts } from '../../src/cli/seed-contract-journey';
import { seedDemo } from '../../src/cli/seed-demo';
import type { ConfigOverrides } from '../../src/config';
import type { Role } from '../../src/core/accounts/roles';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import { buildApp, loggerOptions } from '../../src/http/build-app';
import { meetConditions } from './conditions-journey';
import { contractJourney, demo } from './contract-journey';
import { creditCodeFor } from './fixtures';
import { SoftAuthenticator } from './soft-authenticator';
import {
  createTestPlatform,
  TestClient,
  uniqueMobile,
  type DbTarget,
  type TestPlatform,
} from './test-platform';

export const WEBAUTHN_ORIGIN = 'https://mianqian.test';

/** One line the app logged (pino's JSON), as the access suite reads it back. */
export interface LogLine {
  reqId?: string;
  msg?: string;
  [key: string]: unknown;
}

/** The ids of other people's objects, one of each kind the route table names. */
export interface OwnedObjects {
  /** 王小明's application: approved, contract signed and sealed, conditions met. */
  applicationId: string;
  documentId: string;
  contractId: string;
  /** SHA-256 of the unsigned contract (what a signer sends). */
  contentHash: string;
  /** Nobody here took a face check (王小明 chose the officer's video check): an unknown id. */
  faceCheckId: string;
  invitationId: string;
  conditionCode: string;
  /** 李雷's application (risk_control) with a collateral item registered by the officer. */
  collateralApplicationId: string;
  collateralId: string;
  /** 孙七's booked interview, and an open slot the demo officer offered. */
  interviewId: string;
  interviewApplicationId: string;
  slotId: string;
  /** 王小明's own account, session, passkey, consent, notification and ledger entry. */
  accountId: string;
  sessionId: string;
  passkeyId: string;
  consentId: string;
  notificationId: string | undefined;
  ledgerIndex: string;
  /** An administrator's seal authorisation (staff-side object). */
  sealAuthorisationId: string;
}

/** Which of the owned objects each path parameter names; a route naming something new fails here. */
export function paramValue(o: OwnedObjects, url: string, param: string): string {
  const fixed: Record<string, string> = {
    documentId: o.documentId,
    invitationId: o.invitationId,
    collateralId: o.collateralId,
    code: o.conditionCode,
    page: '1',
    index: o.ledgerIndex,
    size: '1',
  };
  if (fixed[param] !== undefined) return fixed[param];
  if (param !== 'id') throw new Error(`${url}: say in tests/support/access-world.ts what :${param} names`);
  const byPrefix: [string, string | undefined][] = [
    ['/api/admin/accounts/', o.accountId],
    ['/api/security/passkeys/', o.passkeyId],
    ['/api/security/sessions/', o.sessionId],
    ['/api/identity/consents/', o.consentId],
    ['/api/identity/face-checks/', o.faceCheckId],
    ['/api/notifications/', o.notificationId],
    ['/api/staff/interview-slots/', o.slotId],
    ['/api/interviews/', o.interviewId],
    ['/api/staff/interviews/', o.interviewId],
    ['/api/contracts/', o.contractId],
    ['/api/staff/contracts/', o.contractId],
    ['/api/admin/seal-authorisations/', o.sealAuthorisationId],
  ];
  for (const [prefix, value] of byPrefix)
    if (url.startsWith(prefix)) {
      if (value === undefined) throw new Error(`${url}: the world has no such object`);
      return value;
    }
  if (/\/(collateral|cash-flow-projection)/.test(url)) return o.collateralApplicationId;
  if (/^\/api\/applications\/:id\/interview/.test(url)) return o.interviewApplicationId;
  if (/^\/api\/(staff\/|ledger\/)?applications\/:id/.test(url)) return o.applicationId;
  throw new Error(`${url}: say in tests/support/access-world.ts what :id names`);
}

export interface AccessWorld {
  platform: TestPlatform;
  /** The app every client below talks to: the platform's infrastructure, a logger writing to `logs`. */
  app: FastifyInstance;
  logs: LogLine[];
  owned: OwnedObjects;
  /** Account ids of everyone who owns or takes part in the objects above (never an intruder). */
  ownerAccountIds: Set<string>;
  journey: ReturnType<typeof contractJourney>;
  /**
   * Lets the background work of both apps catch up (risk assessments, the notification relay, ledger
   * integration), so that what changes afterwards was changed by requests.
   */
  settle(): Promise<void>;
}

/**
 * Builds a platform full of other people's objects for the access suite: the demo seed (an account per
 * role, applications at every stage), the contract journey taken to a sealed contract with its
 * conditions met, a booked video interview, a collateral item, a passkey, notifications, consents and
 * ledger entries. The app logs (production log options) into memory, so the suite can check that
 * every refusal was logged.
 */
export async function buildAccessWorld(
  target: DbTarget,
  overrides: ConfigOverrides = {},
): Promise<AccessWorld> {
  const platform = await createTestPlatform({
    target,
    overrides: { webauthnRpId: 'mianqian.test', webauthnOrigins: [WEBAUTHN_ORIGIN], ...overrides },
  });
  const logs: LogLine[] = [];
  const stream = new Writable({
    write: (chunk: Buffer, _enc, cb) => {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      cb();
    },
  });
  const app = await buildApp({
    config: platform.config,
    infra: platform.infra,
    logger: { ...loggerOptions({ logLevel: 'info' }), stream },
    runsLedgerIntegrator: false,
  });
  await app.ready();
  const close = platform.close;
  platform.close = async () => {
    await app.close();
    await close();
  };
  const world = { ...platform, app };
  const journey = contractJourney(() => world);

  await seedDemo({ infra: platform.infra, config: platform.config });
  const db = platform.infra.database.db;
  const approved = await db
    .selectFrom('applications')
    .select('id')
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow();
  const lending = await db
    .selectFrom('applications')
    .select('id')
    .where('status', '=', 'risk_control')
    .executeTakeFirstOrThrow();

  // Staff-side objects: a collateral item on 李雷's application, interview slots.
  // Not stepped up: the contract journey logs the demo officer in with a password only.
  const officer = await journey.logIn(demo('loan_officer').mobile, demo('loan_officer').password);
  const collateral = await officer.call('POST', `/api/staff/applications/${lending.id}/collateral`, {
    type: 'real_estate',
    description: '北京市朝阳区建国路88号 住宅',
    location: '京(2024)朝阳区不动产权第0012345号',
    ownerName: '李雷',
  });
  if (collateral.status !== 201) throw new Error(`collateral: ${JSON.stringify(collateral.body)}`);
  const slots = await officer.call('POST', '/api/staff/interview-slots', {
    // Two days ahead: no reminder falls due while the suite runs (the reminder job writes to it).
    startsAt: new Date(Date.now() + 2 * 24 * 3_600_000).toISOString(),
    durationMinutes: 30,
    count: 2,
  });
  if (slots.status !== 201) throw new Error(`slots: ${JSON.stringify(slots.body)}`);

  // 孙七 books the first slot.
  const interviewee = await journey.logIn(
    contractJourneyAccounts.interview.mobile,
    contractJourneyAccounts.interview.password,
  );
  const interviewApplicationId = (await interviewee.call('GET', '/api/interviews')).body.schedulable[0].id;
  const booked = await interviewee.call('POST', `/api/applications/${interviewApplicationId}/interview`, {
    slotId: slots.body.items[0].id,
  });
  if (booked.status !== 201) throw new Error(`interview: ${JSON.stringify(booked.body)}`);

  // 王小明's contract, signed by him and his guarantor and sealed; the conditions met.
  const { contract } = await journey.signLoanContract(approved.id);
  await meetConditions(officer, approved.id);
  const invitations = await officer.call('GET', `/api/staff/applications/${approved.id}/guarantors`);

  const owner = await journey.logInWithSecondFactor(
    contractJourneyAccounts.borrower.mobile,
    contractJourneyAccounts.borrower.password,
  );
  const authenticator = new SoftAuthenticator();
  const options = await owner.call('POST', '/api/security/passkeys/registration/options');
  const passkey = await owner.call('POST', '/api/security/passkeys/registration/verify', {
    name: '我的手机',
    credential: authenticator.createCredential(options.body, { origin: WEBAUTHN_ORIGIN }),
  });
  if (passkey.status !== 201) throw new Error(`passkey: ${JSON.stringify(passkey.body)}`);
  const application = (await owner.call('GET', `/api/applications/${approved.id}`)).body;
  await platform.app.ledgerIntegrator?.tick();
  const entries = (await owner.call('GET', `/api/ledger/applications/${approved.id}/entries`)).body.entries;
  const admin = await journey.logInSteppedUp(demo('admin').mobile, demo('admin').password);
  const seal = await admin.call('POST', '/api/admin/seal-authorisations', {
    maxAmount: '1000000.00',
    reason: '年度授权用印',
    validDays: 30,
  });
  if (seal.status !== 201) throw new Error(`seal authorisation: ${JSON.stringify(seal.body)}`);
  const guarantor = await journey.logInWithSecondFactor(
    contractJourneyAccounts.guarantor.mobile,
    contractJourneyAccounts.guarantor.password,
  );
  const notifications = (await owner.call('GET', '/api/notifications')).body.items;
  const owned: OwnedObjects = {
    applicationId: approved.id,
    documentId: application.documents[0].id,
    contractId: contract.id,
    // signLoanContract answers the prepared contract, which carries its hash (typed narrower there).
    contentHash: (contract as unknown as { contentHash: string }).contentHash,
    faceCheckId: randomUUID(),
    invitationId: invitations.body.invitations[0].id,
    conditionCode: (await officer.call('GET', `/api/staff/applications/${approved.id}/conditions`)).body
      .items[0].code,
    collateralApplicationId: lending.id,
    collateralId: collateral.body.items?.[0]?.id ?? collateral.body.id,
    interviewId: booked.body.id,
    interviewApplicationId,
    slotId: slots.body.items[1].id,
    accountId: owner.accountId!,
    sessionId: (await owner.call('GET', '/api/security/sessions')).body.items[0].id,
    passkeyId: passkey.body.passkey.id,
    consentId: (await owner.call('GET', '/api/identity/consents')).body.items[0].id,
    notificationId: notifications[0]?.id,
    ledgerIndex: String(entries[0].index),
    sealAuthorisationId: seal.body.id,
  };
  const ownerAccountIds = new Set(
    [owner.accountId, interviewee.accountId, guarantor.accountId].filter((x): x is string => !!x),
  );
  const settle = async () => {
    for (const a of [platform.app, app]) {
      await a.riskAutomation.idle();
      await a.notifier.tick();
    }
    await platform.app.ledgerIntegrator?.tick();
  };
  await settle();
  return { platform, app, logs, owned, ownerAccountIds, journey, settle };
}

/**
 * People with nothing to do with the objects above, one per role, each with TOTP enrolled (so the
 * step-up routes let them through to the ownership check instead of stopping them earlier).
 */
export async function intruders(world: AccessWorld): Promise<Record<Role, TestClient>> {
  const out: Partial<Record<Role, TestClient>> = {};
  const roles: Role[] = [
    'borrower_individual',
    'borrower_enterprise',
    'loan_officer',
    'risk_officer',
    'approver',
    'admin',
  ];
  // In parallel: the password hashing dominates, and it runs off the event loop.
  await Promise.all(
    roles.map(async (role) => {
      const c = new TestClient(world.app);
      if (role === 'borrower_individual') await c.register();
      else if (role === 'borrower_enterprise')
        await c.register({
          role,
          displayName: '钱七',
          enterprise: {
            companyName: '另一家有限公司',
            creditCode: creditCodeFor('91310000MA1K00003'),
            actingAs: 'authorised_agent',
          },
        });
      else {
        const mobile = uniqueMobile();
        await createStaffAccount({
          deps: world.platform.infra,
          input: { mobile, password: 'staff passphrase 2026', displayName: `另一位${role}`, role },
        });
        await c.login(mobile, 'staff passphrase 2026');
      }
      await world.journey.enrolTotp(c);
      out[role] = c;
    }),
  );
  return out as Record<Role, TestClient>;
}
