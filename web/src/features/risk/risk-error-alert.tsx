import { useTranslation } from 'react-i18next';
import zhCN from '../../i18n/zh-CN.json';
import { CodedErrorAlert } from '../../shared/coded-error-alert';

type RiskCode = keyof typeof zhCN.risk.errors;
const isRiskCode = (code: string): code is RiskCode => Object.hasOwn(zhCN.risk.errors, code);

/** Errors of the risk endpoints in the reader's language (with the server's detail); others as usual. */
export function RiskErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return <CodedErrorAlert error={error} knows={isRiskCode} titleOf={(code) => t(`risk.errors.${code}`)} />;
}
