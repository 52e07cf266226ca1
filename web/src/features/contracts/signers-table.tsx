import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { Flex, Grid, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractSignerView, ContractView } from '../../../../src/contracts/loan-contracts.schema';
import { formatDateTime } from '../../shared/date-time';

/** Each signer in order: role, name, pending or signed and when, pages read (for people). */
export function SignersTable({ contract }: { contract: ContractView }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const signers = [...contract.signers].sort((a, b) => a.position - b.position);
  return (
    <Table<ContractSignerView>
      data-testid="signers-table"
      size="small"
      rowKey="fieldName"
      pagination={false}
      dataSource={signers}
      onRow={(s) =>
        ({
          'data-testid': 'signer-row',
          'data-role': s.role,
          'data-status': s.status,
          'data-me': s.isMe,
        }) as HTMLAttributes<HTMLTableRowElement>
      }
      columns={[
        { title: '#', dataIndex: 'position', width: 40, responsive: ['md'] },
        {
          title: t('contracts.signers.role'),
          dataIndex: 'role',
          responsive: ['sm'],
          render: (role: ContractSignerView['role']) => t(`contracts.signerRoles.${role}`),
        },
        {
          title: t('contracts.signers.name'),
          dataIndex: 'displayName',
          render: (name: string, s) => (
            <Flex vertical>
              {/* On phones the role column is left out: the role goes above the name. */}
              {!screens.sm && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`contracts.signerRoles.${s.role}`)}
                </Typography.Text>
              )}
              <span>
                {name}
                {s.isMe && <Tag style={{ marginInlineStart: 6 }}>{t('contracts.signers.me')}</Tag>}
              </span>
            </Flex>
          ),
        },
        {
          title: t('contracts.signers.status'),
          dataIndex: 'status',
          render: (status: ContractSignerView['status'], s) => (
            <Flex vertical align="start" gap={2}>
              {status === 'signed' ? (
                <Tag color="success" icon={<CheckCircleFilled />} data-testid="signer-status">
                  {s.role === 'lender'
                    ? t(s.sealAuthorisationId ? 'contracts.signers.sealedAuto' : 'contracts.signers.sealed')
                    : t('contracts.signers.signed')}
                </Tag>
              ) : (
                <Tag icon={<ClockCircleOutlined />} data-testid="signer-status">
                  {t('contracts.signers.pending')}
                </Tag>
              )}
              {/* On phones the time column is left out: the time goes under the status. */}
              {!screens.sm && s.signedAt && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(s.signedAt)}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        {
          title: t('contracts.signers.signedAt'),
          dataIndex: 'signedAt',
          responsive: ['sm'],
          render: (at: string | null) =>
            at ? <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at)}</span> : '—',
        },
        {
          title: t('contracts.signers.pagesRead'),
          key: 'pagesRead',
          responsive: ['sm'],
          render: (_, s) =>
            s.role === 'lender' ? (
              '—'
            ) : (
              <Typography.Text type={s.pagesRead.length >= contract.pageCount ? 'success' : 'secondary'}>
                {`${new Set(s.pagesRead).size} / ${contract.pageCount}`}
              </Typography.Text>
            ),
        },
      ]}
    />
  );
}
