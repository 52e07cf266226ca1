import { CheckCircleFilled, CloseCircleFilled, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Grid, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractVerificationView } from '../../../../src/contracts/loan-contracts.schema';
import { useResource } from '../../api/use-resource';
import { formatDateTime } from '../../shared/date-time';
import { fetchVerification } from './contracts-api';
import { ContractErrorAlert } from './contract-error-alert';

type Check = ContractVerificationView['signatures'][number];

function Tick({ ok, testId }: { ok: boolean; testId: string }) {
  const { t } = useTranslation();
  return ok ? (
    <CheckCircleFilled
      style={{ color: '#52c41a' }}
      aria-label={t('contracts.verification.ok')}
      data-testid={testId}
      data-ok="true"
    />
  ) : (
    <CloseCircleFilled
      style={{ color: '#ff4d4f' }}
      aria-label={t('contracts.verification.bad')}
      data-testid={testId}
      data-ok="false"
    />
  );
}

/**
 * The verification report of the newest signed PDF: for each signature who signed and when, the
 * timestamp's time, and whether integrity, certificate chain and timestamp hold; then the document
 * timestamp. `version` (the current hash) reloads it after each signature.
 */
export function VerificationCard({ contractId, version }: { contractId: string; version: string }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const report = useResource(() => fetchVerification(contractId), [contractId, version]);
  const v = report.data;
  return (
    <Card
      size="small"
      title={t('contracts.verification.title')}
      data-testid="verification-card"
      data-valid={v ? String(v.valid) : undefined}
      loading={report.loading && !v}
      extra={
        <Button
          size="small"
          icon={<ReloadOutlined />}
          onClick={report.reload}
          loading={report.loading}
          data-testid="verification-reload"
        >
          {t('contracts.verification.check')}
        </Button>
      }
    >
      <ContractErrorAlert error={report.error} />
      {v && (
        <Flex vertical gap={12}>
          <Flex gap={8} align="center" wrap>
            <Tag
              color={v.valid ? 'success' : 'error'}
              icon={v.valid ? <CheckCircleFilled /> : <CloseCircleFilled />}
              data-testid="verification-valid"
              data-valid={String(v.valid)}
            >
              {t(v.valid ? 'contracts.verification.valid' : 'contracts.verification.invalid')}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('contracts.verification.checkedAt')} {formatDateTime(v.checkedAt)}
            </Typography.Text>
          </Flex>
          <Table<Check>
            size="small"
            rowKey="fieldName"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={v.signatures}
            data-testid="verification-table"
            onRow={(s) =>
              ({
                'data-testid': 'verification-row',
                'data-field': s.fieldName,
                'data-valid': String(s.integrity && s.certificateChainValid && s.timestampValid),
              }) as HTMLAttributes<HTMLTableRowElement>
            }
            columns={[
              {
                title: t('contracts.verification.signer'),
                dataIndex: 'signer',
                render: (signer: string, s) => (
                  <Flex vertical>
                    <span>{signer}</span>
                    {/* On phones the time columns are left out: the times go under the name. */}
                    {!screens.sm && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {s.claimedTime ? formatDateTime(s.claimedTime) : '—'}
                        {s.timestampTime &&
                          ` · ${t('contracts.verification.timestamp')} ${formatDateTime(s.timestampTime)}`}
                      </Typography.Text>
                    )}
                    {s.problems.length > 0 && (
                      <Typography.Text type="danger" style={{ fontSize: 12 }}>
                        {s.problems.join('; ')}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
              },
              {
                title: t('contracts.verification.claimedTime'),
                dataIndex: 'claimedTime',
                responsive: ['sm'],
                render: (at: string | null) => (at ? formatDateTime(at) : '—'),
              },
              {
                title: t('contracts.verification.timestampTime'),
                dataIndex: 'timestampTime',
                responsive: ['sm'],
                render: (at: string | null) => (at ? formatDateTime(at) : '—'),
              },
              {
                title: t('contracts.verification.integrity'),
                dataIndex: 'integrity',
                align: 'center',
                render: (ok: boolean) => <Tick ok={ok} testId="check-integrity" />,
              },
              {
                title: t('contracts.verification.chain'),
                dataIndex: 'certificateChainValid',
                align: 'center',
                render: (ok: boolean) => <Tick ok={ok} testId="check-chain" />,
              },
              {
                title: t('contracts.verification.timestamp'),
                dataIndex: 'timestampValid',
                align: 'center',
                render: (ok: boolean) => <Tick ok={ok} testId="check-timestamp" />,
              },
            ]}
          />
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'docTs',
                label: t('contracts.verification.documentTimestamp'),
                children: v.documentTimestamp ? (
                  <Flex gap={6} align="center" data-testid="verification-document-timestamp">
                    <Tick ok={v.documentTimestamp.valid} testId="check-document-timestamp" />
                    {formatDateTime(v.documentTimestamp.time)}
                  </Flex>
                ) : (
                  '—'
                ),
              },
              {
                key: 'hash',
                label: t('contracts.verification.fileHash'),
                children: (
                  <Typography.Text code copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
                    {v.fileHash}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </Flex>
      )}
    </Card>
  );
}
