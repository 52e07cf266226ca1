import { sql, type Kysely } from 'kysely';

/** Accounts, sessions, rate limits, applications with their event history, screenings, documents, blocklist. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('mobile_hmac', 'text', (c) => c.notNull().unique())
    .addColumn('mobile_enc', 'text', (c) => c.notNull())
    .addColumn('mobile_masked', 'text', (c) => c.notNull())
    .addColumn('display_name_enc', 'text', (c) => c.notNull())
    .addColumn('company_name', 'text')
    .addColumn('credit_code_hmac', 'text')
    .addColumn('acting_as', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('failed_login_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('idle_expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('absolute_expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_account_idx').on('sessions').column('account_id').execute();

  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();

  await sql`create sequence application_reference_seq`.execute(db);
  await db.schema
    .createTable('applications')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('individual', 'enterprise')`))
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('borrower_account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('amount', sql`numeric(15, 2)`, (c) => c.check(sql`amount >= 0`))
    .addColumn('term_months', 'integer')
    .addColumn('applicant_name_enc', 'text')
    .addColumn('applicant_name_hmac', 'text')
    .addColumn('id_number_hmac', 'text')
    .addColumn('credit_code_hmac', 'text')
    .addColumn('company_name', 'text')
    .addColumn('details_enc', 'text', (c) => c.notNull())
    .addColumn('screening_decision', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('submitted_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('applications_borrower_idx')
    .on('applications')
    .columns(['borrower_account_id', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('applications_queue_idx')
    .on('applications')
    .columns(['status', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('applications_name_idx')
    .on('applications')
    .column('applicant_name_hmac')
    .execute();
  await db.schema
    .createIndex('applications_id_number_idx')
    .on('applications')
    .column('id_number_hmac')
    .execute();
  await db.schema
    .createIndex('applications_credit_code_idx')
    .on('applications')
    .column('credit_code_hmac')
    .execute();

  await db.schema
    .createTable('application_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_account_id', 'uuid')
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('application_events_seq_unique', ['application_id', 'seq'])
    .execute();
  // The history is append-only: the database itself refuses to change or delete an event.
  await sql`
    create function refuse_event_change() returns trigger language plpgsql as $$
    begin
      raise exception 'application_events is append-only';
    end $$`.execute(db);
  await sql`
    create trigger application_events_append_only before update or delete on application_events
    for each row execute function refuse_event_change()`.execute(db);

  await db.schema
    .createTable('screenings')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id'))
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('results', 'jsonb', (c) => c.notNull())
    .addColumn('screened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('screenings_application_idx')
    .on('screenings')
    .columns(['application_id', 'screened_at'])
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('filename_enc', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('documents_application_idx').on('documents').column('application_id').execute();

  await db.schema
    .createTable('blocklist')
    .addColumn('identifier_hmac', 'text', (c) => c.primaryKey())
    .addColumn('identifier_kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'blocklist',
    'documents',
    'screenings',
    'application_events',
    'applications',
    'rate_limits',
    'sessions',
    'accounts',
  ])
    await db.schema.dropTable(t).ifExists().cascade().execute();
  await sql`drop function if exists refuse_event_change() cascade`.execute(db);
  await sql`drop sequence if exists application_reference_seq`.execute(db);
}
