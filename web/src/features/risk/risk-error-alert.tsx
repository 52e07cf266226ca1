import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import zhCN from '../../i18n/zh-CN.json';

type RiskCode = keyof typeof zhCN.risk.errors;
const isRiskCode = (code: string): code is RiskCode => Object.hasOwn(zhCN.risk.errors, code);

/** Errors of the risk endpoints in the reader's language (with the server's detail); others as usual. */
export function RiskErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || !isRiskCode(error.code)) return <ErrorAlert error={error} />;
  return (
    <Alert
      type="error"
      showIcon
      title={t(`risk.errors.${error.code}`)}
      description={error.message || undefined}
      data-testid="form-error"
    />
  );
}
