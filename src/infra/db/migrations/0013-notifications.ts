import { sql, type Kysely } from 'kysely';

/**
 * Notifications (docs/notifications.md) and the operations dashboard's indexes (docs/operations.md):
 *
 * - `notifications`: the in-app inbox, one row per addressee and application event (unique, so a
 *   relay pass run twice adds nothing): kind, title as JSON {zh-CN, en} (never personal), the body
 *   (it may greet by name) encrypted, read_at.
 * - `mail_outbox`: e-mail to send (or, in development, to read in the console): the address and body
 *   encrypted, the subject (never personal), status queued → sent | failed, attempts, next attempt,
 *   a lease while a dispatcher sends it, the last error. Unique per (event, account).
 * - `notification_preferences`: per account, the e-mail address (encrypted, with its keyed hash) and
 *   the locale mail subjects lead with.
 * - `notification_relay_cursor` and `notification_relay_done`: the relay's persisted cursor over
 *   `application_events` (one row, locked by the pass that runs) and the events handled above it (a
 *   late-committing event with a lower id is still found; see the relay). The cursor starts at the
 *   newest event: history before notifications existed is not announced.
 * - indexes for the dashboard: applications by submission time, events by target state.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notifications (
      id uuid primary key,
      account_id uuid not null references accounts (id),
      application_id uuid references applications (id),
      event_id bigint not null,
      kind text not null,
      title jsonb not null,
      body_enc text not null,
      created_at timestamptz not null,
      read_at timestamptz,
      unique (event_id, account_id)
    )`.execute(db);
  await sql`create index notifications_inbox on notifications (account_id, created_at desc)`.execute(db);
  await sql`create index notifications_unread on notifications (account_id) where read_at is null`.execute(
    db,
  );

  await sql`
    create table mail_outbox (
      id bigint generated always as identity primary key,
      account_id uuid references accounts (id),
      event_id bigint,
      kind text not null,
      to_enc text not null,
      subject text not null,
      body_enc text not null,
      status text not null check (status in ('queued', 'sent', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      locked_until timestamptz,
      created_at timestamptz not null,
      sent_at timestamptz,
      last_error text,
      unique (event_id, account_id)
    )`.execute(db);
  await sql`create index mail_outbox_due on mail_outbox (next_attempt_at) where status = 'queued'`.execute(
    db,
  );

  await sql`
    create table notification_preferences (
      account_id uuid primary key references accounts (id),
      email_enc text,
      email_hmac text,
      locale text not null check (locale in ('zh-CN', 'en')),
      updated_at timestamptz not null
    )`.execute(db);

  await sql`
    create table notification_relay_cursor (
      name text primary key,
      last_event_id bigint not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create table notification_relay_done (event_id bigint primary key)`.execute(db);
  await sql`
    insert into notification_relay_cursor (name, last_event_id, updated_at)
    select 'notifier', coalesce(max(id), 0), now() from application_events`.execute(db);

  await sql`create index applications_submitted_at on applications (submitted_at)`.execute(db);
  await sql`create index application_events_to_status on application_events (to_status, application_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists application_events_to_status`.execute(db);
  await sql`drop index if exists applications_submitted_at`.execute(db);
  for (const t of [
    'notification_relay_done',
    'notification_relay_cursor',
    'notification_preferences',
    'mail_outbox',
    'notifications',
  ])
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
}
