/** Guarantor invitations and their answers. (migration 0011-guarantors). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the tables are added
export interface GuarantorTables {}
