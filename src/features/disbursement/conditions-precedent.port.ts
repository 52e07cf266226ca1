/**
 * Conditions precedent to drawdown (放款前提条件): things that must be true before a loan's money
 * leaves, beyond the signed contract — a repayment debit authorisation, a board resolution, a
 * registered mortgage, an insurance policy naming the bank. They are a versioned checklist per product
 * and applicant kind (core/conditions), ticked by staff with evidence or waived by an approver
 * (docs/conditions-precedent.md). The conditions feature answers this port
 * (`conditionsPrecedentOf` in http/compose-conditions.ts): it lists the conditions of the loan neither
 * met nor waived, and disbursement refuses with CONDITIONS_OUTSTANDING until the list is empty
 * (docs/disbursement.md). `noConditionsPrecedent` remains for tests of disbursement alone.
 */
export interface OutstandingCondition {
  code: string;
  description: string;
}

export interface ConditionsPrecedent {
  /** The conditions of this loan not yet met (empty: the loan may be disbursed). */
  outstanding(applicationId: string): Promise<OutstandingCondition[]>;
}

/** An adapter for which nothing is ever outstanding (tests of disbursement alone). */
export const noConditionsPrecedent: ConditionsPrecedent = {
  outstanding: () => Promise.resolve([]),
};
