/** Collateral (押品): items, valuations (revaluation history), filled in by the collateral work. (migration 0010-collateral). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the tables are added
export interface CollateralTables {}
