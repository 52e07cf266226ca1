import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import zhCN from '../../i18n/zh-CN.json';

type SecurityCode = keyof typeof zhCN.security.errors;
const isSecurityCode = (code: string): code is SecurityCode => Object.hasOwn(zhCN.security.errors, code);

/** An error from the second-factor endpoints, in words; other errors as everywhere else. */
export function SecurityErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && isSecurityCode(error.code))
    return (
      <Alert type="error" showIcon title={t(`security.errors.${error.code}`)} data-testid="form-error" />
    );
  if (error instanceof Error && error.name === 'NotAllowedError')
    return <Alert type="warning" showIcon title={t('security.passkeyCancelled')} data-testid="form-error" />;
  return <ErrorAlert error={error} />;
}
