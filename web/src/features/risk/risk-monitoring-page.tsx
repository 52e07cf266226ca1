import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, Space, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RiskMonitoringView } from '../../../../src/contracts/risk.schema';
import { useResource } from '../../api/use-resource';
import { PageLoading } from '../../shared/page-loading';
import { PageTitle } from '../../shared/page-title';
import { ModelReportCard } from './model-report-card';
import { fetchRiskMonitoring } from './risk-api';
import { RiskAlerts } from './risk-alerts';
import { RiskErrorAlert } from './risk-error-alert';
import { formatPercent } from './risk-format';
import './risk-print.css';

type ReasonCount = RiskMonitoringView['overrides']['byReason'][number];

/** Risk monitoring (风险模型监控): alerts first, then overrides, then each model's report. */
export function RiskMonitoringPage() {
  const { t } = useTranslation();
  const monitoring = useResource(fetchRiskMonitoring, []);
  const data = monitoring.data;

  const reasonColumns: TableColumnsType<ReasonCount> = [
    {
      key: 'reason',
      title: t('risk.override.reasonCode'),
      dataIndex: 'reasonCode',
      render: (r: ReasonCount['reasonCode']) => t(`risk.overrideReasons.${r}`),
    },
    { key: 'count', title: t('risk.monitoring.count'), dataIndex: 'count', align: 'right' },
  ];

  return (
    <div className="page-wide risk-monitoring" data-testid="risk-monitoring">
      <PageTitle
        title={t('risk.monitoring.title')}
        extra={
          <Space className="risk-no-print">
            <Button
              icon={<ReloadOutlined />}
              onClick={monitoring.reload}
              data-testid="risk-monitoring-refresh"
            >
              {t('risk.monitoring.refresh')}
            </Button>
            <Button
              icon={<PrinterOutlined />}
              onClick={() => window.print()}
              data-testid="risk-monitoring-print"
            >
              {t('risk.print')}
            </Button>
          </Space>
        }
      />
      <RiskErrorAlert error={monitoring.error} />
      {!data && !monitoring.error && <PageLoading />}
      {data && (
        <Flex vertical gap={16}>
          <RiskAlerts alerts={data.alerts} />
          <Card size="small" title={t('risk.monitoring.overrides')} data-testid="risk-overrides">
            <Flex gap={16} wrap align="start">
              <Descriptions
                size="small"
                column={1}
                style={{ minWidth: 240 }}
                items={[
                  { key: 'a', label: t('risk.monitoring.assessments'), children: data.overrides.assessments },
                  { key: 'o', label: t('risk.monitoring.overridden'), children: data.overrides.overridden },
                  {
                    key: 'r',
                    label: t('risk.monitoring.overrideRate'),
                    children: formatPercent(data.overrides.rate, 1),
                  },
                ]}
              />
              <Table<ReasonCount>
                style={{ flex: 1, minWidth: 280 }}
                rowKey="reasonCode"
                size="small"
                columns={reasonColumns}
                dataSource={data.overrides.byReason}
                pagination={false}
                locale={{ emptyText: t('risk.monitoring.noOverrides') }}
              />
            </Flex>
          </Card>
          {data.models.length === 0 && <Empty description={t('risk.monitoring.noModels')} />}
          {data.models.map((m) => (
            <ModelReportCard key={`${m.id}@${m.version}`} model={m} />
          ))}
        </Flex>
      )}
    </div>
  );
}
