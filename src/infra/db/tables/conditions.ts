/** Conditions precedent (放款前提条件) per application, and their evidence. (migration 0012-conditions-precedent). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the tables are added
export interface ConditionTables {}
