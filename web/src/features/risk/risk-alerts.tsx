import { Alert, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RiskAlertView } from '../../../../src/contracts/risk.schema';
import { useLocalised } from '../../shared/use-localised';
import { formatMetric } from './risk-format';

/** The monitoring's alerts (low disparate impact, unstable population), one warning each. */
export function RiskAlerts({ alerts }: { alerts: RiskAlertView[] }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  if (alerts.length === 0) return null;
  return (
    <Flex vertical gap={8} data-testid="risk-alerts">
      {alerts.map((a, i) => (
        <Alert
          key={`${a.modelId}:${a.code}:${i}`}
          type="warning"
          showIcon
          data-testid="risk-alert"
          data-code={a.code}
          title={localised(a.message)}
          description={t('risk.alerts.detail', {
            kind: t(`risk.alerts.codes.${a.code}`),
            model: a.modelId,
            value: formatMetric(a.value),
            threshold: formatMetric(a.threshold),
          })}
        />
      ))}
    </Flex>
  );
}
