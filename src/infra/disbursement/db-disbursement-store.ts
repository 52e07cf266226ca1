import { sql, type Kysely, type Selectable } from 'kysely';
import type { ReconciliationReport } from '../../contracts/disbursement.schema';
import { disbursementStatusesBefore } from '../../core/disbursement/disbursement-status';
import { AppError } from '../../core/errors';
import type {
  DisbursementRecord,
  DisbursementStore,
  IdempotencyClaim,
  StoredReconciliationReport,
} from '../../features/disbursement/disbursement-store.port';
import type { Database, DisbursementsTable } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { queueEvidence } from '../ledger/queue-evidence';

const toRecord = (r: Selectable<DisbursementsTable>): DisbursementRecord => ({
  id: r.id,
  applicationId: r.application_id,
  contractId: r.contract_id,
  amount: r.amount,
  currency: r.currency,
  status: r.status,
  endToEndId: r.end_to_end_id,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  sentAt: r.sent_at,
  settledAt: r.settled_at,
  failedAt: r.failed_at,
  failureReason: r.failure_reason,
  gatewayReference: r.gateway_reference,
});

/**
 * Disbursements, their outbox and Idempotency-Key records in PostgreSQL/PGlite. The one-live-per-loan
 * rule is a partial unique index, so two requests racing with different keys cannot both create one;
 * state changes are guarded updates (only from the states the state machine allows), so a step run
 * twice changes nothing the second time.
 */
export function createDbDisbursementStore({ db }: { db: Kysely<Database> }): DisbursementStore {
  return {
    async claimIdempotencyKey({ accountId, key, fingerprint, now, staleBefore }) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const inserted = await db
          .insertInto('idempotency_keys')
          .values({
            account_id: accountId,
            idempotency_key: key,
            fingerprint,
            status: 'in_flight',
            response_status: null,
            response_body: null,
            created_at: now,
            locked_at: now,
            completed_at: null,
          })
          .onConflict((oc) => oc.columns(['account_id', 'idempotency_key']).doNothing())
          .returning('account_id')
          .executeTakeFirst();
        if (inserted) return { kind: 'claimed' };
        const row = await db
          .selectFrom('idempotency_keys')
          .selectAll()
          .where('account_id', '=', accountId)
          .where('idempotency_key', '=', key)
          .executeTakeFirst();
        if (!row) continue; // released in between: try again
        if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
        if (row.status === 'completed') {
          const body: unknown =
            typeof row.response_body === 'string' ? JSON.parse(row.response_body) : row.response_body;
          return { kind: 'replay', status: row.response_status ?? 200, body } satisfies IdempotencyClaim;
        }
        if (row.locked_at < staleBefore) {
          const taken = await db
            .updateTable('idempotency_keys')
            .set({ locked_at: now })
            .where('account_id', '=', accountId)
            .where('idempotency_key', '=', key)
            .where('status', '=', 'in_flight')
            .where('locked_at', '=', row.locked_at)
            .executeTakeFirst();
          if (Number(taken.numUpdatedRows) === 1) return { kind: 'claimed' };
        }
        return { kind: 'in_flight' };
      }
      return { kind: 'in_flight' };
    },

    async releaseIdempotencyKey({ accountId, key, lockedAt }) {
      let release = db
        .deleteFrom('idempotency_keys')
        .where('account_id', '=', accountId)
        .where('idempotency_key', '=', key)
        .where('status', '=', 'in_flight');
      if (lockedAt) release = release.where('locked_at', '=', lockedAt);
      await release.execute();
    },

    async createRequested({ disbursement: d, evidence, idempotency, at }) {
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('disbursements')
            .values({
              id: d.id,
              application_id: d.applicationId,
              contract_id: d.contractId,
              amount: d.amount,
              currency: d.currency,
              status: d.status,
              end_to_end_id: d.endToEndId,
              requested_by: d.requestedBy,
              requested_at: d.requestedAt,
              sent_at: null,
              settled_at: null,
              failed_at: null,
              failure_reason: null,
              gateway_reference: null,
            })
            .execute();
          await trx
            .insertInto('disbursement_outbox')
            .values({
              disbursement_id: d.id,
              created_at: at,
              available_at: at,
              locked_until: null,
              processed_at: null,
              last_error: null,
            })
            .execute();
          await queueEvidence(trx, evidence);
          await trx
            .updateTable('idempotency_keys')
            .set({
              status: 'completed',
              response_status: idempotency.responseStatus,
              response_body: JSON.stringify(idempotency.responseBody),
              completed_at: at,
            })
            .where('account_id', '=', idempotency.accountId)
            .where('idempotency_key', '=', idempotency.key)
            .execute();
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new AppError('DISBURSEMENT_EXISTS');
        throw e;
      }
    },

    async findById(id) {
      const row = await db.selectFrom('disbursements').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    async findByEndToEndId(endToEndId) {
      const row = await db
        .selectFrom('disbursements')
        .selectAll()
        .where('end_to_end_id', '=', endToEndId)
        .executeTakeFirst();
      return row && toRecord(row);
    },

    async listByApplication(applicationId) {
      const rows = await db
        .selectFrom('disbursements')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('requested_at', 'desc')
        .execute();
      return rows.map(toRecord);
    },

    async listRequestedBetween({ from, to }) {
      const rows = await db
        .selectFrom('disbursements')
        .selectAll()
        .where('requested_at', '>=', from)
        .where('requested_at', '<', to)
        .orderBy('requested_at')
        .execute();
      return rows.map(toRecord);
    },

    async markSent({ id, at }) {
      const r = await db
        .updateTable('disbursements')
        .set({ status: 'sent', sent_at: at })
        .where('id', '=', id)
        .where('status', 'in', disbursementStatusesBefore('sent'))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async markSettled({ id, at, reference }) {
      const r = await db
        .updateTable('disbursements')
        .set({ status: 'settled', settled_at: at, gateway_reference: reference })
        .where('id', '=', id)
        .where('status', 'in', disbursementStatusesBefore('settled'))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async markFailed({ id, at, reason, reference }) {
      const r = await db
        .updateTable('disbursements')
        .set({ status: 'failed', failed_at: at, failure_reason: reason, gateway_reference: reference })
        .where('id', '=', id)
        .where('status', 'in', disbursementStatusesBefore('failed'))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async claimOutbox({ now, leaseMs, limit, ignoresLeases }) {
      const due = ignoresLeases
        ? sql`processed_at is null`
        : sql`processed_at is null and available_at <= ${now} and (locked_until is null or locked_until <= ${now})`;
      const rows = await sql<{ id: string; disbursement_id: string; attempts: number }>`
        update disbursement_outbox set locked_until = ${new Date(now.getTime() + leaseMs)},
          attempts = attempts + 1
        where id in (
          select id from disbursement_outbox where ${due} order by id limit ${limit} for update skip locked
        )
        returning id, disbursement_id, attempts`.execute(db);
      return rows.rows.map((r) => ({
        id: String(r.id),
        disbursementId: r.disbursement_id,
        attempts: Number(r.attempts),
      }));
    },

    async completeOutbox({ id, at }) {
      await db
        .updateTable('disbursement_outbox')
        .set({ processed_at: at, locked_until: null, last_error: null })
        .where('id', '=', id)
        .where('processed_at', 'is', null)
        .execute();
    },

    async retryOutbox({ id, availableAt, error }) {
      await db
        .updateTable('disbursement_outbox')
        .set({ available_at: availableAt, locked_until: null, last_error: error.slice(0, 500) })
        .where('id', '=', id)
        .where('processed_at', 'is', null)
        .execute();
    },

    async saveReconciliationReport({ report, ranAt, replaces }) {
      const values = {
        day: report.date,
        ran_at: ranAt,
        matched: report.matched,
        mismatches: report.mismatches.length,
        is_balanced: report.ledger.isBalanced,
        report: JSON.stringify(report),
      };
      const written = await db
        .insertInto('reconciliation_reports')
        .values(values)
        .onConflict((oc) =>
          replaces
            ? oc.column('day').doUpdateSet({
                ran_at: values.ran_at,
                matched: values.matched,
                mismatches: values.mismatches,
                is_balanced: values.is_balanced,
                report: values.report,
              })
            : oc.column('day').doNothing(),
        )
        .returning('matched')
        .executeTakeFirst();
      return written !== undefined;
    },

    async lastReconciledDay() {
      const row = await db
        .selectFrom('reconciliation_reports')
        .select(sql<string>`to_char(max(day), 'YYYY-MM-DD')`.as('day'))
        .executeTakeFirst();
      return row?.day ?? undefined;
    },

    async listReconciliationReports({ limit }) {
      const rows = await db
        .selectFrom('reconciliation_reports')
        .select([
          sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'),
          'ran_at',
          'matched',
          'mismatches',
          'is_balanced',
          'report',
        ])
        .orderBy('reconciliation_reports.day', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r): StoredReconciliationReport => ({
        day: r.day,
        ranAt: r.ran_at,
        matched: r.matched,
        mismatches: r.mismatches,
        isBalanced: r.is_balanced,
        report: (typeof r.report === 'string' ? JSON.parse(r.report) : r.report) as ReconciliationReport,
      }));
    },
  };
}
