import { sql, type Kysely } from 'kysely';
import type { Localised, Locale } from '../../core/notifications/templates';
import type {
  MailRecord,
  NotificationRecord,
  NotificationStore,
  RelayEvent,
} from '../../features/notifications/notification-store.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import type { Database } from '../db/database';
import type { MailOutboxTable } from '../db/tables/notifications';
import type { Selectable } from 'kysely';

const CURSOR = 'notifier';

const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/**
 * Notifications on the database. The relay pass takes the cursor row `for update skip locked`: of
 * several relays (nodes, or two in one process) one works and the others skip; the unique
 * (event_id, account_id) of notifications and mail and the primary key of `notification_relay_done`
 * make a repeated event impossible even so. Bodies and addresses are encrypted with the
 * personal-data cipher; e-mail addresses also get a keyed hash (for support look-ups, never the text).
 */
export function createDbNotificationStore({
  db,
  cipher,
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
}): NotificationStore {
  const mailRecord = (r: Selectable<MailOutboxTable>): MailRecord => ({
    id: String(r.id),
    kind: r.kind,
    to: cipher.decrypt(r.to_enc),
    subject: r.subject,
    text: cipher.decrypt(r.body_enc),
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    lastError: r.last_error,
  });

  return {
    async relayPass({ limit, settledBefore, at, plan }) {
      return db.transaction().execute(async (trx) => {
        const cursorRow = await sql<{ last_event_id: string }>`
          select last_event_id from notification_relay_cursor where name = ${CURSOR}
          for update skip locked`.execute(trx);
        let cursor = cursorRow.rows[0]?.last_event_id;
        if (cursor === undefined) {
          // The row is missing (never: the migration adds it) or another relay holds it.
          const exists = await trx
            .selectFrom('notification_relay_cursor')
            .select('name')
            .where('name', '=', CURSOR)
            .executeTakeFirst();
          if (exists) return { processed: 0, isBusy: true };
          await trx
            .insertInto('notification_relay_cursor')
            .values({ name: CURSOR, last_event_id: 0, updated_at: at })
            .onConflict((oc) => oc.doNothing())
            .execute();
          cursor = '0';
        }
        const rows = await trx
          .selectFrom('application_events as e')
          .innerJoin('applications as a', 'a.id', 'e.application_id')
          .innerJoin('accounts as acc', 'acc.id', 'a.borrower_account_id')
          .leftJoin('notification_preferences as p', 'p.account_id', 'a.borrower_account_id')
          .select([
            'e.id',
            'e.application_id',
            'e.from_status',
            'e.to_status',
            'e.at',
            'a.reference',
            'a.borrower_account_id',
            'acc.display_name_enc',
            'p.email_enc',
            'p.locale',
          ])
          .where('e.id', '>', cursor)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('notification_relay_done as d')
                  .select('d.event_id')
                  .whereRef('d.event_id', '=', 'e.id'),
              ),
            ),
          )
          .orderBy('e.id')
          .limit(limit)
          .execute();
        const events: RelayEvent[] = rows.map((r) => ({
          eventId: String(r.id),
          applicationId: r.application_id,
          reference: r.reference,
          fromStatus: r.from_status,
          toStatus: r.to_status,
          at: r.at,
          borrowerAccountId: r.borrower_account_id,
          borrowerDisplayName: r.display_name_enc ? cipher.decrypt(r.display_name_enc) : null,
          borrowerEmail: r.email_enc ? cipher.decrypt(r.email_enc) : null,
          borrowerLocale: (r.locale as Locale | null) ?? 'zh-CN',
        }));
        const staff = new Map<string, string[]>();
        const staffOf = async (role: string) => {
          let ids = staff.get(role);
          if (!ids) {
            ids = (
              await trx
                .selectFrom('accounts')
                .select('id')
                .where('role', '=', role)
                .where('disabled_at', 'is', null)
                .orderBy('id')
                .execute()
            ).map((a) => a.id);
            staff.set(role, ids);
          }
          return ids;
        };
        const planned = events.length > 0 ? await plan(events, staffOf) : { inApp: [], mail: [] };
        if (planned.inApp.length > 0)
          await trx
            .insertInto('notifications')
            .values(
              planned.inApp.map((n) => ({
                id: n.id,
                account_id: n.accountId,
                application_id: n.applicationId,
                event_id: n.eventId,
                kind: n.kind,
                title: JSON.stringify(n.title),
                body_enc: cipher.encrypt(JSON.stringify(n.body)),
                created_at: at,
              })),
            )
            .onConflict((oc) => oc.columns(['event_id', 'account_id']).doNothing())
            .execute();
        if (planned.mail.length > 0)
          await trx
            .insertInto('mail_outbox')
            .values(
              planned.mail.map((m) => ({
                account_id: m.accountId,
                event_id: m.eventId,
                kind: m.kind,
                to_enc: cipher.encrypt(m.to),
                subject: m.subject,
                body_enc: cipher.encrypt(m.text),
                status: 'queued' as const,
                next_attempt_at: at,
                created_at: at,
              })),
            )
            .onConflict((oc) => oc.columns(['event_id', 'account_id']).doNothing())
            .execute();
        if (events.length > 0)
          await trx
            .insertInto('notification_relay_done')
            .values(events.map((e) => ({ event_id: e.eventId })))
            .onConflict((oc) => oc.doNothing())
            .execute();
        // Move the cursor over settled events, stopping below the first one not yet handled.
        const moved = await sql<{ upto: string | null }>`
          select max(e.id) as upto from application_events e
          where e.id > ${cursor} and e.at < ${settledBefore}
            and e.id < coalesce((
              select min(u.id) from application_events u
              where u.id > ${cursor}
                and not exists (select 1 from notification_relay_done d where d.event_id = u.id)
            ), 9223372036854775807)`.execute(trx);
        const upto = moved.rows[0]?.upto;
        if (upto !== null && upto !== undefined) {
          await trx
            .updateTable('notification_relay_cursor')
            .set({ last_event_id: upto, updated_at: at })
            .where('name', '=', CURSOR)
            .execute();
          await trx.deleteFrom('notification_relay_done').where('event_id', '<=', upto).execute();
        }
        return { processed: events.length, isBusy: false };
      });
    },

    async inbox({ accountId, limit }) {
      const rows = await db
        .selectFrom('notifications')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at', 'desc')
        .orderBy('event_id', 'desc')
        .limit(limit)
        .execute();
      const unread = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('account_id', '=', accountId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return {
        items: rows.map((r): NotificationRecord => ({
          id: r.id,
          applicationId: r.application_id,
          kind: r.kind,
          title: parseJson<Localised>(r.title),
          body: JSON.parse(cipher.decrypt(r.body_enc)) as Localised,
          createdAt: r.created_at,
          readAt: r.read_at,
        })),
        unread: Number(unread.n),
      };
    },

    async markRead({ accountId, id, at }) {
      const row = await db
        .updateTable('notifications')
        .set({ read_at: sql<Date>`coalesce(read_at, ${at})` })
        .where('id', '=', id)
        .where('account_id', '=', accountId)
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async markAllRead({ accountId, at }) {
      const r = await db
        .updateTable('notifications')
        .set({ read_at: at })
        .where('account_id', '=', accountId)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    async preferences(accountId) {
      const r = await db
        .selectFrom('notification_preferences')
        .select(['email_enc', 'locale'])
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return { email: r?.email_enc ? cipher.decrypt(r.email_enc) : null, locale: r?.locale ?? 'zh-CN' };
    },

    async savePreferences({ accountId, preferences, at }) {
      const values = {
        email_enc: preferences.email === null ? null : cipher.encrypt(preferences.email),
        email_hmac:
          preferences.email === null ? null : cipher.lookupHash('email', preferences.email.toLowerCase()),
        locale: preferences.locale,
        updated_at: at,
      };
      await db
        .insertInto('notification_preferences')
        .values({ account_id: accountId, ...values })
        .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
        .execute();
    },

    async claimDueMail({ now, limit, leaseMs }) {
      const until = new Date(now.getTime() + leaseMs);
      const rows = await db
        .updateTable('mail_outbox')
        .set((eb) => ({ locked_until: until, attempts: eb('attempts', '+', 1) }))
        .where(
          'id',
          'in',
          sql<string>`(select id from mail_outbox where status = 'queued' and next_attempt_at <= ${now}
            and (locked_until is null or locked_until < ${now}) order by id limit ${limit} for update skip locked)`,
        )
        .returningAll()
        .execute();
      return rows.sort((a, b) => Number(a.id) - Number(b.id)).map(mailRecord);
    },

    async markMailSent({ id, at }) {
      await db
        .updateTable('mail_outbox')
        .set({ status: 'sent', sent_at: at, locked_until: null, last_error: null })
        .where('id', '=', id)
        .execute();
    },

    async markMailFailed({ id, error, nextAttemptAt }) {
      await db
        .updateTable('mail_outbox')
        .set(
          nextAttemptAt
            ? { status: 'queued', next_attempt_at: nextAttemptAt, locked_until: null, last_error: error }
            : { status: 'failed', locked_until: null, last_error: error },
        )
        .where('id', '=', id)
        .execute();
    },

    async listMail({ limit }) {
      const rows = await db
        .selectFrom('mail_outbox')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(mailRecord);
    },
  };
}
