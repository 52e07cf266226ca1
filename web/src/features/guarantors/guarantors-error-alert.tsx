import { useTranslation } from 'react-i18next';
import guarantorsZhCN from '../../i18n/parts/guarantors.zh-CN.json';
import { CodedErrorAlert } from '../../shared/coded-error-alert';

type GuarantorCode = keyof typeof guarantorsZhCN.guarantors.errors;
const isGuarantorCode = (code: string): code is GuarantorCode =>
  Object.hasOwn(guarantorsZhCN.guarantors.errors, code);

/** Errors of the guarantor endpoints in the reader's language (with the server's detail); others as usual. */
export function GuarantorsErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <CodedErrorAlert
      error={error}
      knows={isGuarantorCode}
      titleOf={(code) => t(`guarantors.errors.${code}`)}
    />
  );
}
