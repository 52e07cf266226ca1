import { outstandingConditions } from '../../core/conditions/checklist';
import type { ConditionsDeps } from './conditions-deps';
import { conditionsOf } from './conditions-of';

/** What disbursement asks of conditions precedent (its ConditionsPrecedent port). */
export interface OutstandingConditionsQuery {
  outstanding(applicationId: string): Promise<{ code: string; description: string }[]>;
}

/**
 * Disbursement's view of conditions precedent: those of the application's checklist neither met
 * nor waived. An application not found has nothing outstanding here (disbursement refuses it itself).
 */
export function conditionsPrecedentFrom(
  deps: Pick<ConditionsDeps, 'store' | 'checklist' | 'applications'>,
): OutstandingConditionsQuery {
  return {
    async outstanding(applicationId) {
      const app = await deps.applications.find(applicationId);
      if (!app) return [];
      const states = await conditionsOf(deps, app);
      return outstandingConditions(
        states.map((s) => s.rule),
        states.flatMap((s) => (s.inForce ? [{ code: s.rule.code, kind: s.inForce.kind }] : [])),
      ).map((rule) => ({ code: rule.code, description: `${rule.title.en} (${rule.title['zh-CN']})` }));
    },
  };
}
