import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** numeric(15,2): written and read as decimal strings. */
type Numeric = ColumnType<string, string, string>;

/** Collateral (押品) of an application (migration 0010-collateral). `_enc`: envelope-encrypted text. */
export interface CollateralItemsTable {
  id: string;
  application_id: string;
  type: string;
  description_enc: string;
  location_enc: string | null;
  owner_name_enc: string;
  registered_by: string;
  registered_by_role: string;
  registered_at: Timestamp;
  leaf_hash: string;
}

/** Valuations of a collateral item, append-only; the latest is current (revaluation history). */
export interface CollateralValuationsTable {
  id: string;
  collateral_id: string;
  seq: number;
  appraised_value: Numeric;
  /** YYYY-MM-DD (text: no driver time-zone conversion). */
  valuation_date: string;
  method: string;
  appraiser_enc: string;
  /** JSON array of document ids (the valuation report). */
  document_ids: ColumnType<unknown, string, string>;
  recorded_by: string;
  recorded_by_role: string;
  recorded_at: Timestamp;
  leaf_hash: string;
}

/** Project financing: projected cash flow available for debt service per loan year. */
export interface CollateralCashFlowsTable {
  application_id: string;
  year: number;
  amount: Numeric;
  set_by: string;
  set_at: Timestamp;
  leaf_hash: string;
}

/** Collateral (押品): items, valuations (revaluation history), cash-flow projections (migration 0010-collateral). */
export interface CollateralTables {
  collateral_items: CollateralItemsTable;
  collateral_valuations: CollateralValuationsTable;
  collateral_cash_flows: CollateralCashFlowsTable;
}
