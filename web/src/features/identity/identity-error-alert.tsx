import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import zhCN from '../../i18n/zh-CN.json';

type IdentityCode = keyof typeof zhCN.identity.errors;
type Reason = keyof typeof zhCN.identity.reasons;
const isIdentityCode = (code: string): code is IdentityCode => Object.hasOwn(zhCN.identity.errors, code);
const isReason = (r: unknown): r is Reason =>
  typeof r === 'string' && Object.hasOwn(zhCN.identity.reasons, r);

/** Errors of the identity flow in the reader's language (with the reasons of invalid details); others as usual. */
export function IdentityErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || !isIdentityCode(error.code)) return <ErrorAlert error={error} />;
  const details = (error.details ?? {}) as { reasons?: unknown[]; attemptsLeft?: number };
  const lines = [
    ...(details.reasons ?? []).filter(isReason).map((r) => t(`identity.reasons.${r}`)),
    ...(typeof details.attemptsLeft === 'number'
      ? [t('identity.attemptsLeft', { count: details.attemptsLeft })]
      : []),
  ];
  return (
    <Alert
      type="error"
      showIcon
      title={t(`identity.errors.${error.code}`)}
      description={lines.length ? lines.join('；') : undefined}
      data-testid="identity-error"
    />
  );
}
