import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import { Yuan } from '../../core/money/money';
import type { RepaymentScheduleView } from '../../contracts/disbursement.schema';
import type { DisbursementDeps } from './disbursement-deps';

/**
 * The borrower's repayment schedule (还款计划), active once the loan is disbursed: the schedule of
 * the signed contract. Only the borrower who owns the application sees it (anyone else: not found,
 * so ids cannot be probed); before disbursement it is not active (409).
 */
export async function readRepaymentSchedule({
  deps,
  actor,
  applicationId,
}: {
  deps: Pick<DisbursementDeps, 'applications' | 'contracts' | 'store'>;
  actor: Actor;
  applicationId: string;
}): Promise<RepaymentScheduleView> {
  const application = await deps.applications.find(applicationId);
  if (!application || application.borrowerAccountId !== actor.accountId)
    throw new AppError('APPLICATION_NOT_FOUND');
  const settled = (await deps.store.listByApplication(applicationId)).find((d) => d.status === 'settled');
  if (application.status !== 'disbursed' || !settled?.settledAt)
    throw new AppError('REPAYMENT_SCHEDULE_NOT_ACTIVE');
  const contract = await deps.contracts.ofApplication(applicationId);
  if (!contract) throw new AppError('REPAYMENT_SCHEDULE_NOT_ACTIVE');
  let totalPayment = new Yuan(0);
  let totalInterest = new Yuan(0);
  for (const row of contract.schedule) {
    totalPayment = totalPayment.plus(row.payment);
    totalInterest = totalInterest.plus(row.interest);
  }
  return {
    applicationId,
    contractId: contract.id,
    contractNumber: contract.contractNumber,
    status: 'active',
    amount: contract.amount,
    termMonths: contract.termMonths,
    repaymentMethod: contract.repaymentMethod,
    nominalAnnualRate: contract.nominalAnnualRate,
    annualisedRate: contract.annualisedRate,
    disbursedAt: settled.settledAt.toISOString(),
    totalPayment: totalPayment.toFixed(2),
    totalInterest: totalInterest.toFixed(2),
    instalments: contract.schedule.map((r) => ({
      period: r.period,
      dueDate: r.dueDate,
      payment: r.payment,
      principal: r.principal,
      interest: r.interest,
      balance: r.balance,
    })),
  };
}
