/** The operations dashboard: funnel, times to decision and cash, work per role, SLA breaches. (To be built.) */
export function OperationsPage() {
  return null;
}
