import type { SetURLSearchParams } from 'react-router-dom';
import {
  applicationKinds,
  applicationStatuses,
  type QueueQuery,
} from '../../../../src/contracts/applications.schema';

export const defaultPageSize = 20;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((v) => v === value);

/**
 * The queue's filters live in the address, so a reload, the back button or a shared link shows the same
 * page. Unknown values are dropped rather than sent for the server to refuse.
 */
export function readQueueQuery(params: URLSearchParams): QueueQuery {
  const positive = (name: string) => {
    const n = Number(params.get(name));
    return Number.isInteger(n) && n > 0 ? n : undefined;
  };
  return {
    status: oneOf(applicationStatuses, params.get('status')),
    kind: oneOf(applicationKinds, params.get('kind')),
    productCode: params.get('productCode') || undefined,
    q: params.get('q')?.trim() || undefined,
    page: positive('page') ?? 1,
    pageSize: Math.min(positive('pageSize') ?? defaultPageSize, 100),
  };
}

/** Changes some filters; any change but paging starts again at page 1. */
export function updateQueueQuery(
  setParams: SetURLSearchParams,
  current: QueueQuery,
  change: Partial<QueueQuery>,
): void {
  const next: QueueQuery = { ...current, page: 1, ...change };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(next)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  setParams(params);
}
