import { FileProtectOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ContractView } from '../../../../src/contracts/loan-contracts.schema';
import { useResource } from '../../api/use-resource';
import { formatDateTime } from '../../shared/date-time';
import { formatYuan } from '../../shared/money';
import { PageTitle } from '../../shared/page-title';
import { mySigner } from './contract-format';
import { ContractErrorAlert } from './contract-error-alert';
import { ContractStatusTag } from './contract-status-tag';
import { fetchMyContracts } from './contracts-api';

/** 我的合同: the contracts the borrower or guarantor signs, newest first, with what is asked of them. */
export function MyContractsPage() {
  const { t } = useTranslation();
  const contracts = useResource(() => fetchMyContracts(), []);
  const items = [...(contracts.data?.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <div className="page-narrow" data-testid="my-contracts-page">
      <PageTitle title={t('contracts.myTitle')} />
      <ContractErrorAlert error={contracts.error} />
      {contracts.loading && !contracts.data && <Card loading />}
      {contracts.data && items.length === 0 && <Empty description={t('contracts.none')} />}
      <Flex vertical gap={12}>
        {items.map((c) => (
          <ContractItem key={c.id} contract={c} />
        ))}
      </Flex>
    </div>
  );
}

function ContractItem({ contract: c }: { contract: ContractView }) {
  const { t } = useTranslation();
  const me = mySigner(c);
  return (
    <Link
      to={`/contracts/${c.id}`}
      data-testid="contract-item"
      data-contract-id={c.id}
      data-can-sign={c.canSign}
    >
      <Card size="small" hoverable>
        <Flex justify="space-between" align="center" gap={8}>
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <Flex gap={8} align="center" wrap>
              <FileProtectOutlined />
              <Typography.Text strong>{c.contractNumber}</Typography.Text>
              <ContractStatusTag status={c.status} testId="contract-item-status" />
            </Flex>
            <Typography.Text>
              {formatYuan(c.amount)} · {t('contracts.months', { count: c.termMonths })}
              {me && ` · ${t(`contracts.signerRoles.${me.role}`)}`}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('contracts.createdAt')} {formatDateTime(c.createdAt)}
            </Typography.Text>
            {c.canSign && <Tag color="orange">{t('contracts.yourTurn')}</Tag>}
            {me?.status === 'signed' && <Tag color="success">{t('contracts.youSigned')}</Tag>}
          </Flex>
          <RightOutlined />
        </Flex>
      </Card>
    </Link>
  );
}
