import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import { canTransition } from '../core/application/lifecycle';
import type { ApplicationsDeps } from '../features/applications/applications-deps';
import {
  dispatchSteps,
  type DisbursementApplications,
  type DisbursementDeps,
  type DispatchStep,
} from '../features/disbursement/disbursement-deps';
import { disbursementRoutes } from '../features/disbursement/disbursement.routes';
import { runDisbursementDispatcher } from '../features/disbursement/run-disbursement-dispatcher';
import type { LedgerDeps } from '../features/ledger/ledger-deps';
import { prepareEvidence } from '../features/ledger/prepare-evidence';
import type { Infrastructure } from '../infra/open-infrastructure';
import { createLedgerPaymentGateway } from '../infra/payments/ledger-payment-gateway';
import {
  composeApplicationsDeps,
  composeLedgerDeps,
  nudgeSequencer,
  type CapabilityOptions,
} from './compose-deps';
import { moveApplication } from './move-application';
import { conditionsPrecedentOf } from './compose-conditions';
import { registerDailyReconciliation } from './register-daily-reconciliation';

/**
 * Test mode only: `MIANQIAN_TEST_DISBURSEMENT_CRASH_AT=<step>[,<step>…]` makes the dispatcher SIGKILL
 * its own process when it reaches one of those steps on an outbox message's first delivery (the
 * restarted process, delivering it again, finishes the job; tests/integration/disbursement-crash.test.ts).
 * Read here rather than in config.ts because nothing but this fault injector uses it; refused outside
 * test mode, so a production process can never be told to kill itself.
 */
export function disbursementFaultInjector({
  mode,
  env = process.env,
}: {
  mode: Config['mode'];
  env?: NodeJS.ProcessEnv;
}): (step: DispatchStep, attempt: number) => void {
  const raw = env.MIANQIAN_TEST_DISBURSEMENT_CRASH_AT;
  if (!raw) return () => {};
  if (mode !== 'test') throw new Error('MIANQIAN_TEST_DISBURSEMENT_CRASH_AT is for test mode only');
  const steps = raw.split(',').map((s) => s.trim());
  for (const s of steps)
    if (!(dispatchSteps as readonly string[]).includes(s))
      throw new Error(`MIANQIAN_TEST_DISBURSEMENT_CRASH_AT: unknown step ${s} (${dispatchSteps.join(', ')})`);
  return (step, attempt) => {
    if (attempt === 1 && steps.includes(step)) {
      process.stderr.write(`disbursement fault injector: SIGKILL at ${step}\n`);
      process.kill(process.pid, 'SIGKILL');
    }
  };
}

/**
 * What disbursement needs of loan applications, on the applications store: the application, and
 * moving it contract_signed → disbursed once the payment settled (as the system, its event and the
 * 'disbursement' evidence in one transaction, guarded by the application's version). Idempotent: an
 * application already disbursed is left as it is.
 */
export function disbursementApplications(deps: ApplicationsDeps): DisbursementApplications {
  return {
    async find(id) {
      const app = await deps.applications.findById(id);
      return (
        app && {
          id: app.id,
          reference: app.reference,
          status: app.status,
          borrowerAccountId: app.borrowerAccountId,
        }
      );
    },
    async markDisbursed({ disbursement: d }) {
      const moved = await moveApplication(deps, {
        applicationId: d.applicationId,
        to: 'disbursed',
        as: 'system',
        actor: { accountId: null, role: 'system' },
        reason: 'loan disbursed: the payment settled',
        record: { disbursement: d.id, endToEndId: d.endToEndId },
        moreEvidence: async (app) => {
          const at = deps.clock();
          return [
            await deps.evidence.prepare({
              type: 'disbursement',
              applicationId: app.id,
              actor: { accountId: null, role: 'system' },
              record: {
                kind: 'disbursement.settled',
                disbursementId: d.id,
                applicationId: app.id,
                contractId: d.contractId,
                amount: d.amount,
                currency: d.currency,
                endToEndId: d.endToEndId,
                gatewayReference: d.gatewayReference,
                settledAt: d.settledAt?.toISOString() ?? null,
                at: at.toISOString(),
              },
              at,
            }),
          ];
        },
      });
      if (moved) return;
      // Not moved: already disbursed (done), or still contract_signed after 3 concurrent changes.
      const app = await deps.applications.findById(d.applicationId);
      if (app && canTransition({ from: app.status, to: 'disbursed', actor: 'system' }))
        throw new Error(`could not move application ${d.applicationId} to disbursed (busy); retried later`);
    },
  };
}

/**
 * Disbursement's dependencies: its store and the payments adapter on the database, the applications
 * it moves, the contracts it reads (the contract store's `findByApplication`), conditions precedent
 * (the conditions feature's), the ledger. `nudge` wakes the dispatcher after a request commits.
 */
export function composeDisbursementDeps({
  infra,
  config,
  clock = () => new Date(),
  ledger = composeLedgerDeps({ infra, config, clock }),
  applications = composeApplicationsDeps({ infra, config, clock, ledger }),
  nudge = () => {},
  env = process.env,
}: {
  infra: Infrastructure;
  config: Config;
  clock?: () => Date;
  ledger?: LedgerDeps;
  applications?: ApplicationsDeps;
  nudge?: () => void;
  env?: NodeJS.ProcessEnv;
}): DisbursementDeps {
  const { db } = infra.database;
  return {
    store: infra.disbursement.store,
    gateway: createLedgerPaymentGateway({ db, clock }),
    conditions: conditionsPrecedentOf({ infra }),
    applications: disbursementApplications(applications),
    contracts: {
      async ofApplication(applicationId) {
        const c = await infra.contracts.store.findByApplication(applicationId);
        return (
          c && {
            id: c.id,
            contractNumber: c.contractNumber,
            status: c.status,
            amount: c.amount,
            termMonths: c.termMonths,
            repaymentMethod: c.data.loan.repaymentMethod,
            nominalAnnualRate: c.nominalAnnualRate,
            annualisedRate: c.annualisedRate,
            disbursementAccount: c.data.loan.disbursementAccount,
            schedule: c.data.schedule,
          }
        );
      },
    },
    evidence: {
      prepare: (input) => prepareEvidence(ledger, input),
      sequence: nudgeSequencer(ledger),
    },
    clock,
    newId: randomUUID,
    nudge,
    reached: disbursementFaultInjector({ mode: config.mode, env }),
    settings: { leaseMs: 30_000, inFlightStaleMs: 60_000, retryDelaysMs: [1_000, 5_000, 30_000, 120_000] },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The disbursement outbox relay of this app (tests call `tick()` to run a pass now). */
    disbursementDispatcher: { tick(): Promise<void>; stop(): Promise<void> };
  }
}

/**
 * Registers the disbursement routes and starts the outbox dispatcher and (unless told not to) the daily
 * reconciliation on this app (every node runs them; the work is idempotent), stopped when the app
 * closes.
 */
export async function registerDisbursement(
  app: FastifyInstance,
  { runsDailyReconciliation = true, ...options }: CapabilityOptions & { runsDailyReconciliation?: boolean },
): Promise<void> {
  // Requests nudge the dispatcher, which needs the deps: wired once both exist.
  const wake = { now: (): void => {} };
  const deps = composeDisbursementDeps({ ...options, nudge: () => wake.now() });
  await app.register(disbursementRoutes, { deps });
  const dispatcher = runDisbursementDispatcher(deps, {
    intervalMs: 1_000,
    onError: (e) => app.log.error({ err: e }, 'disbursement dispatch failed'),
  });
  wake.now = () => void dispatcher.tick();
  app.decorate('disbursementDispatcher', dispatcher);
  app.addHook('onClose', () => dispatcher.stop());
  if (runsDailyReconciliation) registerDailyReconciliation(app, { deps });
}
