import type { ApplicationPage } from '../../contracts/applications.schema';
import type { QueueFilter } from './application-store.port';
import type { ApplicationsDeps } from './applications-deps';
import { summariseApplication } from './describe-application';

/** The staff work queue (工作队列): submitted applications, filtered and searched. */
export async function listWorkQueue({
  deps,
  filter,
}: {
  deps: Pick<ApplicationsDeps, 'applications'>;
  filter: Omit<QueueFilter, 'page' | 'pageSize'> & {
    page?: number | undefined;
    pageSize?: number | undefined;
  };
}): Promise<ApplicationPage> {
  const page = filter.page ?? 1;
  const pageSize = filter.pageSize ?? 20;
  const { items, total } = await deps.applications.listQueue({ ...filter, page, pageSize });
  return { items: items.map(summariseApplication), total, page, pageSize };
}
