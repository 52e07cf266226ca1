/**
 * Conditions precedent to drawdown (放款前提条件): things that must be true before a loan's money
 * leaves, beyond the signed contract — a registered mortgage, a guarantee deposit, an insurance
 * policy, a first-instalment authorisation. The platform records none yet, so today's adapter
 * (`noConditionsPrecedent`) answers "none outstanding" for every loan; when approvals attach
 * conditions to a loan, its adapter lists those not yet met and disbursement refuses with
 * CONDITIONS_OUTSTANDING until the list is empty (docs/disbursement.md).
 */
export interface OutstandingCondition {
  code: string;
  description: string;
}

export interface ConditionsPrecedent {
  /** The conditions of this loan not yet met (empty: the loan may be disbursed). */
  outstanding(applicationId: string): Promise<OutstandingCondition[]>;
}

/** The adapter until conditions exist: nothing is ever outstanding. */
export const noConditionsPrecedent: ConditionsPrecedent = {
  outstanding: () => Promise.resolve([]),
};
