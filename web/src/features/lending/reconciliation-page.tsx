/** The daily disbursement reconciliation report, for staff. (To be built.) */
export function ReconciliationPage() {
  return null;
}
