import type { ContractSignerView, ContractView } from '../../../../src/contracts/loan-contracts.schema';

/**
 * A rate sent as a decimal fraction string ("0.072345") as a percentage with `digits` places, rounded
 * half up on the decimal digits ("7.23%"), so no binary floating point touches it.
 */
export function formatRatePercent(fraction: string, digits = 2): string {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(fraction.trim());
  if (!match) return fraction;
  // The percentage's digits as one integer scaled by 10^digits, plus the digit that decides rounding.
  const decimals = (match[2] ?? '').padEnd(digits + 3, '0');
  const kept = `${match[1]}${decimals.slice(0, 2 + digits)}`;
  const roundUp = Number(decimals[2 + digits]) >= 5;
  const scaled = BigInt(kept) + (roundUp ? 1n : 0n);
  const text = scaled.toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  return digits === 0 ? `${whole}%` : `${whole}.${text.slice(text.length - digits)}%`;
}

/** SHA-256 of the bytes as lower-case hex (what the server's `contentHash` is). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The caller's own row among the signers, if the caller is one. */
export const mySigner = (contract: ContractView): ContractSignerView | undefined =>
  contract.signers.find((s) => s.isMe);

/** Pages 1..pageCount the list names, each once, in ascending order (a stale or odd list is tolerated). */
export function readPageSet(pagesRead: readonly number[], pageCount: number): Set<number> {
  return new Set(pagesRead.filter((p) => Number.isInteger(p) && p >= 1 && p <= pageCount));
}

/** Every page has been read (a contract has at least one page). */
export function hasReadAll(pagesRead: readonly number[], pageCount: number): boolean {
  return pageCount > 0 && readPageSet(pagesRead, pageCount).size === pageCount;
}

/** The first page not read yet, looking forward from `from` and then wrapping round; null when all are read. */
export function nextUnreadPage(pagesRead: readonly number[], pageCount: number, from = 1): number | null {
  const read = readPageSet(pagesRead, pageCount);
  for (let i = 0; i < pageCount; i++) {
    const page = ((from - 1 + i) % pageCount) + 1;
    if (!read.has(page)) return page;
  }
  return null;
}

/** A file name for a download: the contract number made safe, and what it is. */
export function contractFileName(contractNumber: string, suffix: string, extension: string): string {
  const safe = contractNumber.replace(/[^0-9A-Za-z_-]+/g, '-').replace(/^-+|-+$/g, '') || 'contract';
  return `${safe}-${suffix}.${extension}`;
}
