import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useResource } from '../../api/use-resource';
import { ErrorAlert } from '../../shared/error-alert';
import { PageTitle } from '../../shared/page-title';
import { useProducts } from '../applications/use-products';
import { RiskAlertsBanner } from '../risk/risk-alerts-banner';
import { QueueFilters } from './queue-filters';
import { readQueueQuery, updateQueueQuery } from './queue-query';
import { QueueTable } from './queue-table';
import { fetchQueue } from './staff-api';

/** Staff's list of applications: filter, search, page, open. */
export function WorkQueuePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = readQueueQuery(params);
  const queue = useResource(() => fetchQueue(query), [params.toString()]);
  const products = useProducts();
  const change = (c: Parameters<typeof updateQueueQuery>[2]) => updateQueueQuery(setParams, query, c);

  return (
    <div className="page-wide">
      <PageTitle title={t('queue.title')} />
      <RiskAlertsBanner />
      <QueueFilters query={query} products={products.items} onChange={change} />
      <ErrorAlert error={queue.error} />
      <QueueTable
        page={queue.data}
        loading={queue.loading}
        productName={products.nameOf}
        onPage={(page, pageSize) => change({ page, pageSize })}
      />
    </div>
  );
}
