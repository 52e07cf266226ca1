import { Flex, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  applicationKinds,
  applicationStatuses,
  type QueueQuery,
} from '../../../../src/contracts/applications.schema';
import { EnumSelect } from '../../shared/enum-select';
import { useLocalised } from '../../shared/use-localised';
import type { Product } from '../applications/applications-api';
import { QueueSearch } from './queue-search';

interface Props {
  query: QueueQuery;
  products: Product[];
  onChange: (change: Partial<QueueQuery>) => void;
}

export function QueueFilters({ query, products, onChange }: Props) {
  const { t } = useTranslation();
  const localised = useLocalised();
  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }}>
      <QueueSearch key={query.q ?? ''} value={query.q} onSearch={(q) => onChange({ q })} />
      <EnumSelect
        testId="queue-status"
        values={applicationStatuses}
        labelOf={(s) => t(`statuses.${s}`)}
        value={query.status}
        onChange={(status) => onChange({ status })}
        placeholder={t('queue.allStatuses')}
        allowClear
        style={{ width: 160 }}
      />
      <EnumSelect
        testId="queue-kind"
        values={applicationKinds}
        labelOf={(k) => t(`kinds.${k}`)}
        value={query.kind}
        onChange={(kind) => onChange({ kind })}
        placeholder={t('queue.allKinds')}
        allowClear
        style={{ width: 140 }}
      />
      <Select
        data-testid="queue-product"
        value={query.productCode}
        onChange={(productCode: string | undefined) => onChange({ productCode })}
        placeholder={t('queue.allProducts')}
        allowClear
        options={products.map((p) => ({
          value: p.code,
          label: localised(p.name),
          'data-testid': `queue-product-${p.code}`,
        }))}
        style={{ width: 220 }}
      />
    </Flex>
  );
}
