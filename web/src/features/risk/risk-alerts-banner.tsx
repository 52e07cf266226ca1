import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RiskMonitoringView } from '../../../../src/contracts/risk.schema';
import { useResource } from '../../api/use-resource';
import { useSession } from '../accounts/session-context';
import { fetchRiskMonitoring } from './risk-api';
import { canMonitor } from './risk-roles';

const noMonitoring = () => Promise.resolve<RiskMonitoringView | null>(null);

/**
 * On the work queue: a warning when the models' monitoring has alerts, linking to it. Only roles that
 * may read the monitoring ask for it; a failure to load it leaves the queue as it is.
 */
export function RiskAlertsBanner() {
  const { t } = useTranslation();
  const { session } = useSession();
  const isAllowed = canMonitor(session?.account.role);
  const monitoring = useResource<RiskMonitoringView | null>(isAllowed ? fetchRiskMonitoring : noMonitoring, [
    isAllowed,
  ]);
  const count = monitoring.data?.alerts.length ?? 0;
  if (count === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="risk-alerts-banner"
      title={t('risk.alerts.banner', { count })}
      action={
        <Link to="/staff/risk" data-testid="risk-alerts-open">
          {t('risk.alerts.open')}
        </Link>
      }
    />
  );
}
