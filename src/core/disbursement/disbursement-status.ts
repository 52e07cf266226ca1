import { AppError } from '../errors';

/**
 * A disbursement's state machine (放款状态): requested (written with its outbox message) → sent (handed
 * to the payment system under its end-to-end id) → settled (the money arrived) or failed (the payment
 * system rejected it). `requested → failed` covers a rejection before anything left; `requested →
 * settled` covers a crash after the payment was booked but before `sent` was recorded.
 */
export const disbursementStatuses = ['requested', 'sent', 'settled', 'failed'] as const;
export type DisbursementStatus = (typeof disbursementStatuses)[number];

const transitions: Readonly<Record<DisbursementStatus, readonly DisbursementStatus[]>> = {
  requested: ['sent', 'settled', 'failed'],
  sent: ['settled', 'failed'],
  settled: [],
  failed: [],
};

/** True when a disbursement may move from `from` to `to`. */
export function canMoveDisbursement(from: DisbursementStatus, to: DisbursementStatus): boolean {
  return transitions[from].includes(to);
}

/** The states a disbursement may be in before it moves to `to` (for guarded updates). */
export function disbursementStatusesBefore(to: DisbursementStatus): DisbursementStatus[] {
  return disbursementStatuses.filter((from) => canMoveDisbursement(from, to));
}

/** True once nothing further happens to the disbursement. */
export function isFinalDisbursementStatus(status: DisbursementStatus): boolean {
  return transitions[status].length === 0;
}

/** Throws ILLEGAL_TRANSITION unless a disbursement may move from `from` to `to`. */
export function assertDisbursementTransition(from: DisbursementStatus, to: DisbursementStatus): void {
  if (!canMoveDisbursement(from, to))
    throw new AppError('ILLEGAL_TRANSITION', `Cannot move a disbursement from ${from} to ${to}`, {
      from,
      to,
    });
}

/**
 * The end-to-end id (端到端标识号) a disbursement's payment travels under: "MQ" and the disbursement
 * id's 32 hex digits, 34 characters (ISO 20022 EndToEndId allows 35). Derived, never drawn, so every
 * retry of the same disbursement sends the same id and the payment system deduplicates on it.
 */
export function endToEndIdOf(disbursementId: string): string {
  const hex = disbursementId.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new RangeError(`not a UUID: ${disbursementId}`);
  return `MQ${hex}`;
}
