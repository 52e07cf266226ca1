import { randomInt, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import { applicantNameOf, type ApplicationDetails } from '../core/application/application';
import { currentScreeningPolicy } from '../core/screening/policy';
import type { ApplicationsDeps } from '../features/applications/applications-deps';
import type { ApplicationRecord } from '../features/applications/application-store.port';
import { confirmOfficerVideo } from '../features/identity/confirm-officer-video';
import type { SmsSender } from '../features/identity/sms-sender.port';
import { admitToRoom } from '../features/interview/admit-to-room';
import { startInterview } from '../features/interview/conduct-interview';
import type { InterviewApplication, InterviewDeps } from '../features/interview/interview-deps';
import type { InterviewObservations } from '../features/interview/interview-observations.port';
import type { InterviewStore } from '../features/interview/interview-store.port';
import { interviewRoutes } from '../features/interview/interview.routes';
import type { InterviewRoomAccess } from '../features/interview/room-access.port';
import { interviewMediaObservations } from './compose-interview-media';
import { sendDueReminders } from '../features/interview/send-due-reminders';
import type { LedgerDeps } from '../features/ledger/ledger-deps';
import { prepareEvidence } from '../features/ledger/prepare-evidence';
import { createDbInterviewStore } from '../infra/interview/db-interview-store';
import type { Infrastructure } from '../infra/open-infrastructure';
import { guarantorStoreOf } from './compose-guarantors';
import {
  composeApplicationsDeps,
  composeLedgerDeps,
  identityEvidence,
  nudgeSequencer,
  type CapabilityOptions,
} from './compose-deps';
import { moveApplication } from './move-application';

/** How often the reminder job looks for interviews starting within 30 minutes. */
const REMINDER_INTERVAL_MS = 60_000;

/** One interview store per infrastructure. */
const stores = new WeakMap<Infrastructure, InterviewStore>();
export function interviewStoreOf(infra: Infrastructure): InterviewStore {
  let store = stores.get(infra);
  if (!store) {
    store = createDbInterviewStore({ db: infra.database.db, cipher: infra.cipher });
    stores.set(infra, store);
  }
  return store;
}

/**
 * Face samples and the recording, for the QC report. The media side does not feed them yet: none, and
 * the report says they are missing.
 */
export const noInterviewObservations: InterviewObservations = {
  faceSamples: () => Promise.resolve([]),
  recording: () => Promise.resolve(null),
};

const birthDateOf = (idNumber: string | undefined) =>
  idNumber && /^\d{17}[\dX]$/i.test(idNumber)
    ? `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`
    : undefined;

function interviewApplication(app: ApplicationRecord): InterviewApplication {
  const d: ApplicationDetails = app.details;
  const representative = d.stakeholders?.find(
    (s) => s.role === 'legal_representative' || s.role === 'authorised_agent',
  );
  const person = app.kind === 'individual' ? d.applicant : undefined;
  return {
    id: app.id,
    reference: app.reference,
    kind: app.kind,
    status: app.status,
    productCode: app.productCode,
    borrowerAccountId: app.borrowerAccountId,
    amount: d.loan.amount,
    termMonths: d.loan.termMonths,
    repaymentMethod: d.loan.repaymentMethod,
    borrowerName:
      (app.kind === 'individual' ? person?.fullName : representative?.name) ??
      applicantNameOf({ kind: app.kind, details: d }) ??
      '',
    borrowerMobile: person?.mobile ?? representative?.mobile,
    facts: {
      fullName: person?.fullName ?? representative?.name,
      idNumber: person?.idNumber ?? representative?.idNumber,
      mobile: person?.mobile ?? representative?.mobile,
      birthDate: birthDateOf(person?.idNumber ?? representative?.idNumber),
      purpose: d.loan.purpose,
      monthlyIncome: person?.monthlyIncome,
      employer: person?.employer,
      employmentStatus: person?.employmentStatus,
      repaymentMethod: d.loan.repaymentMethod,
      amount: d.loan.amount,
      termMonths: d.loan.termMonths,
    },
  };
}

/** Reminders and booking confirmations through the platform's SMS port. */
function interviewTexts(sms: SmsSender): InterviewDeps['texts'] {
  return {
    async send({ mobile, text }) {
      await sms.send({ mobile, text, purpose: 'interview_reminder' });
    },
  };
}

/** Interviews' dependencies, built on the infrastructure (tests use the same). */
export function composeInterviewDeps({
  infra,
  config,
  clock = () => new Date(),
  ledger = composeLedgerDeps({ infra, config, clock }),
  applications = composeApplicationsDeps({ infra, config, clock, ledger }),
  observations = noInterviewObservations,
}: {
  infra: Infrastructure;
  config: Config;
  clock?: () => Date;
  ledger?: LedgerDeps;
  applications?: ApplicationsDeps;
  observations?: InterviewObservations;
}): InterviewDeps {
  return {
    store: interviewStoreOf(infra),
    applications: {
      async find(id) {
        const app = await applications.applications.findById(id);
        return app && interviewApplication(app);
      },
      async listOfBorrower(accountId) {
        const { items } = await applications.applications.listByBorrower({
          borrowerAccountId: accountId,
          page: 1,
          pageSize: 100,
        });
        const apps = await Promise.all(items.map((i) => applications.applications.findById(i.id)));
        return apps.filter((a): a is ApplicationRecord => a !== undefined).map(interviewApplication);
      },
      async move({ applicationId, to, as, actor, reason, from, capture, record }) {
        const moved = await moveApplication(applications, {
          applicationId,
          to,
          as,
          actor,
          reason,
          from,
          capture,
          record,
        });
        return moved !== undefined;
      },
    },
    identities: {
      async confirmByOfficerVideo({ accountId, interviewId, actor, capture }) {
        await confirmOfficerVideo({
          deps: {
            store: infra.identity.store,
            evidence: identityEvidence(ledger),
            clock,
          },
          accountId,
          interviewId,
          actor,
          capture,
        });
      },
    },
    accounts: {
      async displayNameOf(accountId) {
        return (await infra.accounts.findById(accountId))?.displayName;
      },
    },
    guarantors: {
      async acceptedOf(applicationId) {
        const invitations = await guarantorStoreOf(infra).listByApplication(applicationId);
        return invitations
          .filter((r) => r.status === 'accepted' && r.guarantorAccountId !== null)
          .map((r) => ({ accountId: r.guarantorAccountId!, displayName: r.name, mobile: r.mobile }));
      },
    },
    rates: {
      async rateOf(applicationId) {
        const decided = await infra.approvals.store.approvedTermsOf(applicationId);
        if (decided) return { nominalAnnualRate: decided.nominalAnnualRate, source: 'decided' };
        const assessment = await infra.risk.store.latestOf(applicationId);
        return (
          assessment && { nominalAnnualRate: assessment.recommendedAnnualRate, source: 'risk_recommendation' }
        );
      },
    },
    observations,
    texts: interviewTexts(infra.identity.sms),
    evidence: {
      prepare: (input) => prepareEvidence(ledger, { ...input, type: 'interview' }),
      sequence: nudgeSequencer(ledger),
    },
    policy: currentScreeningPolicy,
    clock,
    newId: randomUUID,
    pick: (bound) => randomInt(bound),
  };
}

/**
 * Registers the interview routes (scheduling, script, QC, conclusion) on this app, runs the reminder
 * job, and answers who may enter an interview room (for the media side).
 */
export async function registerInterview(
  app: FastifyInstance,
  options: CapabilityOptions,
): Promise<InterviewRoomAccess> {
  // The QC report reads what the media side recorded (the recording's hash and duration).
  const deps = composeInterviewDeps({
    ...options,
    observations: interviewMediaObservations({ infra: options.infra }),
  });
  await app.register(interviewRoutes, { deps });
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sendDueReminders({ deps, now: deps.clock() })
      .catch((e: unknown) => app.log.error({ err: e }, 'interview reminders failed'))
      .finally(() => {
        running = false;
      });
  }, REMINDER_INTERVAL_MS);
  timer.unref();
  app.addHook('onClose', () => {
    clearInterval(timer);
  });
  return {
    admit: (input) => admitToRoom({ deps, ...input }),
    async started({ interviewId, at }) {
      await startInterview({ deps, interviewId, at });
    },
  };
}
