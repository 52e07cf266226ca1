import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import zhCN from '../../i18n/zh-CN.json';
import { ErrorAlert } from '../../shared/error-alert';

type ContractCode = keyof typeof zhCN.contracts.errors;
const isContractCode = (code: string): code is ContractCode => Object.hasOwn(zhCN.contracts.errors, code);

/** Errors of the contract endpoints in the reader's language (with the server's detail); others as usual. */
export function ContractErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (!(error instanceof ApiError) || !isContractCode(error.code)) return <ErrorAlert error={error} />;
  const title = t(`contracts.errors.${error.code}`);
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
