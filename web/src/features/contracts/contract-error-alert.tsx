import { useTranslation } from 'react-i18next';
import zhCN from '../../i18n/zh-CN.json';
import { CodedErrorAlert } from '../../shared/coded-error-alert';

type ContractCode = keyof typeof zhCN.contracts.errors;
const isContractCode = (code: string): code is ContractCode => Object.hasOwn(zhCN.contracts.errors, code);

/** Errors of the contract endpoints in the reader's language (with the server's detail); others as usual. */
export function ContractErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <CodedErrorAlert error={error} knows={isContractCode} titleOf={(code) => t(`contracts.errors.${code}`)} />
  );
}
