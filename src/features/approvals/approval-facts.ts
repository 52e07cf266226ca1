import { createHash } from 'node:crypto';
import type { ApprovalDecisionFact } from '../../core/approval/approval-progress';
import type { LoanOffer } from '../../core/approval/loan-offer';
import type { ApprovalDecisionRecord } from './approval-store.port';

/** The decisions as the pure rules see them. */
export const factsOf = (decisions: readonly ApprovalDecisionRecord[]): ApprovalDecisionFact[] =>
  decisions.map((d) => ({
    stepIndex: d.stepIndex,
    deciderId: d.byAccountId,
    outcome: d.outcome,
    termsVersion: d.termsVersion,
  }));

/** Terms as a ledger record holds them (not personal: amounts, rates, term). */
export const termsRecord = (t: LoanOffer) => ({
  amount: t.amount,
  nominalAnnualRate: t.nominalAnnualRate,
  termMonths: t.termMonths,
  repaymentMethod: t.repaymentMethod,
});

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
