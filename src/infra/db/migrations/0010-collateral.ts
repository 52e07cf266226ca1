import { sql, type Kysely } from 'kysely';

/**
 * Collateral (押品, docs/collateral.md):
 *
 * - `collateral_items`: what an application pledges — its type (not personal), and the description,
 *   location/registration text and owner's name envelope-encrypted (they can name or locate a person);
 *   who registered it and the ledger leaf.
 * - `collateral_valuations`: append-only, numbered per item: appraised value, valuation date, method,
 *   the appraiser/firm (encrypted: an appraiser is a person), the valuation report's document ids, who
 *   recorded it and when, the ledger leaf. The current valuation is the latest; the rest is history.
 * - `collateral_cash_flows`: project financing, the projected cash flow available for debt service of
 *   each loan year, replaced as a whole when staff set a new projection.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table collateral_items (
      id uuid primary key,
      application_id uuid not null references applications (id),
      type text not null check (type in ('real_estate', 'equipment', 'receivables', 'deposit', 'equity')),
      description_enc text not null,
      location_enc text,
      owner_name_enc text not null,
      registered_by uuid not null references accounts (id),
      registered_by_role text not null,
      registered_at timestamptz not null,
      leaf_hash text not null
    )`.execute(db);
  await sql`create index collateral_items_application on collateral_items (application_id, registered_at)`.execute(
    db,
  );

  await sql`
    create table collateral_valuations (
      id uuid primary key,
      collateral_id uuid not null references collateral_items (id),
      seq integer not null,
      appraised_value numeric(15, 2) not null check (appraised_value > 0),
      valuation_date text not null check (valuation_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      method text not null check (method in ('market', 'income', 'cost', 'book_value', 'face_value')),
      appraiser_enc text not null,
      document_ids jsonb not null,
      recorded_by uuid not null references accounts (id),
      recorded_by_role text not null,
      recorded_at timestamptz not null,
      leaf_hash text not null,
      unique (collateral_id, seq)
    )`.execute(db);

  await sql`
    create table collateral_cash_flows (
      application_id uuid not null references applications (id),
      year integer not null check (year >= 1),
      amount numeric(15, 2) not null,
      set_by uuid not null references accounts (id),
      set_at timestamptz not null,
      leaf_hash text not null,
      primary key (application_id, year)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists collateral_cash_flows`.execute(db);
  await sql`drop table if exists collateral_valuations`.execute(db);
  await sql`drop table if exists collateral_items`.execute(db);
}
