import type { ApplicationStatus } from '../application/lifecycle';
import { applicationStatuses } from '../application/lifecycle';

/** The main path of an application, in order: the funnel's stages. */
export const funnelStages = [
  'submitted',
  'under_review',
  'identity_verified',
  'interview_scheduled',
  'interviewed',
  'risk_control',
  'approved',
  'contract_signed',
  'disbursed',
] as const satisfies readonly ApplicationStatus[];
export type FunnelStage = (typeof funnelStages)[number];

export interface FunnelRow {
  readonly stage: FunnelStage;
  /** Applications (of the period) that ever reached this stage. */
  readonly reached: number;
  /** reached / reached at the first stage, 0..1 (null when nothing was submitted). */
  readonly ofSubmitted: number | null;
  /** reached / reached at the previous stage, 0..1 (null for the first stage or an empty previous one). */
  readonly ofPrevious: number | null;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

/**
 * The funnel from the number of applications that reached each stage (as counted from their event
 * history). A stage is counted as reached when an application reached it *or any later stage of the
 * path* (an application moved straight on still passed through), so the funnel never widens.
 */
export function buildFunnel(reachedByStatus: Readonly<Partial<Record<string, number>>>): FunnelRow[] {
  const raw = funnelStages.map((s) => reachedByStatus[s] ?? 0);
  // Never wider than a later stage: an application that reached stage k passed every stage before it.
  const reached = raw.map((_, i) => Math.max(...raw.slice(i)));
  const first = reached[0]!;
  return funnelStages.map((stage, i) => ({
    stage,
    reached: reached[i]!,
    ofSubmitted: ratio(reached[i]!, first),
    ofPrevious: i === 0 ? null : ratio(reached[i]!, reached[i - 1]!),
  }));
}

/** The furthest funnel stage each application reached, counted per stage: the pure form of the SQL count. */
export function reachedFromHistories(
  histories: readonly (readonly string[])[],
): Partial<Record<FunnelStage, number>> {
  const counts: Partial<Record<FunnelStage, number>> = {};
  for (const statuses of histories) {
    const seen = new Set(
      statuses.filter((s): s is FunnelStage => (funnelStages as readonly string[]).includes(s)),
    );
    for (const s of seen) counts[s] = (counts[s] ?? 0) + 1;
  }
  return counts;
}

/** Every state with its current count (zero for states no application is in). */
export function currentByState(
  counts: Readonly<Partial<Record<string, number>>>,
): { state: ApplicationStatus; count: number }[] {
  return applicationStatuses.map((state) => ({ state, count: counts[state] ?? 0 }));
}
