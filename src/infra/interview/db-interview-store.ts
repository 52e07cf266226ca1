import type { Kysely, Selectable } from 'kysely';
import type { InterviewStatus } from '../../core/interview/join-window';
import type { InterviewScript } from '../../core/interview/interview-script';
import type { AskedQuestion, PromptingFlag, ScriptConfirmation } from '../../core/interview/qc-report';
import type {
  InterviewConclusion,
  InterviewRecord,
  InterviewStore,
  ParticipantRecord,
  QcStatus,
  SharedLocation,
  SlotRecord,
  SlotStatus,
} from '../../features/interview/interview-store.port';
import type { RoomRole } from '../../features/interview/room-access.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import type { Database } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import type { InterviewsTable, InterviewSlotsTable } from '../db/tables/interviews';
import { queueEvidence } from '../ledger/queue-evidence';

const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
const withDates = <T extends { at: unknown }>(xs: T[]): T[] =>
  xs.map((x) => ({ ...x, at: x.at === null ? null : new Date(x.at as string) }));

/**
 * Interview slots, interviews and participants in PostgreSQL/PGlite. The script and the disclosure
 * confirmations (texts of terms, methods, times) stay in clear; the answers heard, prompting notes,
 * the conclusion form, QC reasons, names and locations are envelope-encrypted.
 */
export function createDbInterviewStore({
  db,
  cipher,
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
}): InterviewStore {
  const encJson = (v: unknown) => cipher.encrypt(JSON.stringify(v));
  const decJson = <T>(v: string | null, fallback: T): T =>
    v === null ? fallback : (JSON.parse(cipher.decrypt(v)) as T);

  const toSlot = (r: Selectable<InterviewSlotsTable>): SlotRecord => ({
    id: r.id,
    officerId: r.officer_id,
    startsAt: r.starts_at,
    durationMinutes: r.duration_minutes,
    status: r.status as SlotStatus,
    createdAt: r.created_at,
  });

  const load = async (rows: Selectable<InterviewsTable>[]): Promise<InterviewRecord[]> => {
    if (rows.length === 0) return [];
    const parts = await db
      .selectFrom('interview_participants')
      .selectAll()
      .where(
        'interview_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.map((r) => ({
      id: r.id,
      slotId: r.slot_id,
      applicationId: r.application_id,
      officerId: r.officer_id,
      borrowerAccountId: r.borrower_account_id,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      status: r.status as InterviewStatus,
      version: r.version,
      createdAt: r.created_at,
      startedAt: r.started_at,
      cancelledAt: r.cancelled_at,
      script: r.script === null ? null : parseJson<InterviewScript>(r.script),
      scriptSha256: r.script_sha256,
      confirmations: withDates(parseJson<ScriptConfirmation[]>(r.confirmations ?? [])),
      questions: withDates(decJson<AskedQuestion[]>(r.questions_enc, [])),
      prompting: withDates(decJson<PromptingFlag[]>(r.prompting_enc, [])),
      conclusion: decJson<InterviewConclusion | null>(r.conclusion_enc, null),
      conclusionSha256: r.conclusion_sha256,
      concludedBy: r.concluded_by,
      concludedAt: r.concluded_at,
      qcStatus: r.qc_status as QcStatus,
      qcBy: r.qc_by,
      qcAt: r.qc_at,
      qcReason: r.qc_reason_enc === null ? null : cipher.decrypt(r.qc_reason_enc),
      qcReportSha256: r.qc_report_sha256,
      reminderSentAt: r.reminder_sent_at,
      participants: parts
        .filter((p) => p.interview_id === r.id)
        .map((p): ParticipantRecord => ({
          accountId: p.account_id,
          role: p.role as RoomRole,
          displayName: cipher.decrypt(p.display_name_enc),
          location:
            p.location_enc === null ? null : (JSON.parse(cipher.decrypt(p.location_enc)) as SharedLocation),
          locationAt: p.location_at,
        }))
        .sort((a, b) => order[a.role] - order[b.role]),
    }));
  };
  const order: Record<RoomRole, number> = { officer: 0, borrower: 1, guarantor: 2 };
  const find = async (id: string) => {
    const row = await db.selectFrom('interviews').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await load([row]))[0] : undefined;
  };

  return {
    async addSlots(slots) {
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('interview_slots')
            .values(
              slots.map((s) => ({
                id: s.id,
                officer_id: s.officerId,
                starts_at: s.startsAt,
                duration_minutes: s.durationMinutes,
                status: s.status,
                created_at: s.createdAt,
              })),
            )
            .execute();
        });
      } catch (e) {
        if (isUniqueViolation(e)) return undefined;
        throw e;
      }
      return slots;
    },

    async findSlot(id) {
      const row = await db.selectFrom('interview_slots').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toSlot(row);
    },

    async listSlots({ officerId, status, from, limit }) {
      let q = db.selectFrom('interview_slots').selectAll();
      if (officerId) q = q.where('officer_id', '=', officerId);
      if (status) q = q.where('status', '=', status);
      if (from) q = q.where('starts_at', '>=', from);
      const rows = await q.orderBy('starts_at').orderBy('id').limit(limit).execute();
      return rows.map(toSlot);
    },

    async cancelSlot({ id }) {
      const r = await db
        .updateTable('interview_slots')
        .set({ status: 'cancelled' })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async book({ interview: i, evidence }) {
      try {
        const outcome = await db.transaction().execute(async (trx) => {
          const taken = await trx
            .updateTable('interview_slots')
            .set({ status: 'taken' })
            .where('id', '=', i.slotId)
            .where('status', '=', 'open')
            .executeTakeFirst();
          if (Number(taken.numUpdatedRows) !== 1) return 'slot_taken' as const;
          await trx
            .insertInto('interviews')
            .values({
              id: i.id,
              slot_id: i.slotId,
              application_id: i.applicationId,
              officer_id: i.officerId,
              borrower_account_id: i.borrowerAccountId,
              starts_at: i.startsAt,
              ends_at: i.endsAt,
              status: i.status,
              version: i.version,
              created_at: i.createdAt,
              started_at: null,
              cancelled_at: null,
              cancel_reason_enc: null,
              script: null,
              script_sha256: null,
              confirmations: '[]',
              questions_enc: null,
              prompting_enc: null,
              conclusion_enc: null,
              conclusion_sha256: null,
              outcome: null,
              concluded_by: null,
              concluded_at: null,
              qc_by: null,
              qc_at: null,
              qc_reason_enc: null,
              qc_report_sha256: null,
              reminder_sent_at: null,
            })
            .execute();
          await trx
            .insertInto('interview_participants')
            .values(
              i.participants.map((p) => ({
                interview_id: i.id,
                account_id: p.accountId,
                role: p.role,
                display_name_enc: cipher.encrypt(p.displayName),
                location_enc: null,
                location_at: null,
              })),
            )
            .execute();
          await queueEvidence(trx, evidence);
          return 'ok' as const;
        });
        if (outcome === 'slot_taken') return { ok: false, reason: 'slot_taken' };
      } catch (e) {
        if (isUniqueViolation(e)) return { ok: false, reason: 'application_busy' };
        throw e;
      }
      return { ok: true, interview: (await find(i.id))! };
    },

    find,

    async liveOf(applicationId) {
      const row = await db
        .selectFrom('interviews')
        .selectAll()
        .where('application_id', '=', applicationId)
        .where('status', 'in', ['scheduled', 'in_progress'])
        .executeTakeFirst();
      return row ? (await load([row]))[0] : undefined;
    },

    async listForAccount(accountId, limit) {
      const rows = await db
        .selectFrom('interviews')
        .selectAll()
        .where('id', 'in', (eb) =>
          eb.selectFrom('interview_participants').select('interview_id').where('account_id', '=', accountId),
        )
        .orderBy('starts_at', 'desc')
        .limit(limit)
        .execute();
      return load(rows);
    },

    async listForStaff({ from, limit }) {
      const rows = await db
        .selectFrom('interviews')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb.and([eb('status', 'in', ['scheduled', 'in_progress']), eb('ends_at', '>=', from)]),
            eb('status', '=', 'in_progress'),
            eb('qc_status', 'in', ['waiting', 'returned']),
          ]),
        )
        .orderBy('starts_at')
        .limit(limit)
        .execute();
      return load(rows);
    },

    async update({ id, expectedVersion, changes: ch, slotStatus, evidence }) {
      const done = await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('interviews')
          .set({
            version: expectedVersion + 1,
            ...(ch.status !== undefined ? { status: ch.status } : {}),
            ...(ch.startedAt !== undefined ? { started_at: ch.startedAt } : {}),
            ...(ch.cancelledAt !== undefined ? { cancelled_at: ch.cancelledAt } : {}),
            ...(ch.cancelReason !== undefined ? { cancel_reason_enc: cipher.encrypt(ch.cancelReason) } : {}),
            ...(ch.script !== undefined ? { script: ch.script && JSON.stringify(ch.script) } : {}),
            ...(ch.scriptSha256 !== undefined ? { script_sha256: ch.scriptSha256 } : {}),
            ...(ch.confirmations !== undefined ? { confirmations: JSON.stringify(ch.confirmations) } : {}),
            ...(ch.questions !== undefined ? { questions_enc: encJson(ch.questions) } : {}),
            ...(ch.prompting !== undefined ? { prompting_enc: encJson(ch.prompting) } : {}),
            ...(ch.conclusion !== undefined
              ? {
                  conclusion_enc: ch.conclusion && encJson(ch.conclusion),
                  outcome: ch.conclusion?.outcome ?? null,
                }
              : {}),
            ...(ch.conclusionSha256 !== undefined ? { conclusion_sha256: ch.conclusionSha256 } : {}),
            ...(ch.concludedBy !== undefined ? { concluded_by: ch.concludedBy } : {}),
            ...(ch.concludedAt !== undefined ? { concluded_at: ch.concludedAt } : {}),
            ...(ch.qcStatus !== undefined ? { qc_status: ch.qcStatus } : {}),
            ...(ch.qcBy !== undefined ? { qc_by: ch.qcBy } : {}),
            ...(ch.qcAt !== undefined ? { qc_at: ch.qcAt } : {}),
            ...(ch.qcReason !== undefined
              ? { qc_reason_enc: ch.qcReason && cipher.encrypt(ch.qcReason) }
              : {}),
            ...(ch.qcReportSha256 !== undefined ? { qc_report_sha256: ch.qcReportSha256 } : {}),
          })
          .where('id', '=', id)
          .where('version', '=', expectedVersion)
          .returning('slot_id')
          .executeTakeFirst();
        if (!r) return false;
        if (slotStatus)
          await trx
            .updateTable('interview_slots')
            .set({ status: slotStatus })
            .where('id', '=', r.slot_id)
            .execute();
        await queueEvidence(trx, evidence);
        return true;
      });
      return done ? find(id) : undefined;
    },

    async dueReminders({ from, to }) {
      const rows = await db
        .selectFrom('interviews')
        .selectAll()
        .where('status', '=', 'scheduled')
        .where('reminder_sent_at', 'is', null)
        .where('starts_at', '>', from)
        .where('starts_at', '<=', to)
        .orderBy('starts_at')
        .limit(500)
        .execute();
      return load(rows);
    },

    async markReminded({ id, at }) {
      const r = await db
        .updateTable('interviews')
        .set({ reminder_sent_at: at })
        .where('id', '=', id)
        .where('reminder_sent_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async setLocation({ interviewId, accountId, location, at }) {
      await db
        .updateTable('interview_participants')
        .set({ location_enc: cipher.encrypt(JSON.stringify(location)), location_at: at })
        .where('interview_id', '=', interviewId)
        .where('account_id', '=', accountId)
        .execute();
    },
  };
}
