import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import guarantorsZhCN from '../../i18n/parts/guarantors.zh-CN.json';
import { ErrorAlert } from '../../shared/error-alert';

type GuarantorCode = keyof typeof guarantorsZhCN.guarantors.errors;
const isGuarantorCode = (code: string): code is GuarantorCode =>
  Object.hasOwn(guarantorsZhCN.guarantors.errors, code);

/** Errors of the guarantor endpoints in the reader's language (with the server's detail); others as usual. */
export function GuarantorsErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (!(error instanceof ApiError) || !isGuarantorCode(error.code)) return <ErrorAlert error={error} />;
  const title = t(`guarantors.errors.${error.code}`);
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={error.message && error.message !== title ? error.message : undefined}
      data-testid="form-error"
      data-code={error.code}
    />
  );
}
