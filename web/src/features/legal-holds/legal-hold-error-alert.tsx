import { useTranslation } from 'react-i18next';
import legalHoldsZhCN from '../../i18n/parts/legalHolds.zh-CN.json';
import { CodedErrorAlert } from '../../shared/coded-error-alert';

type LegalHoldCode = keyof typeof legalHoldsZhCN.legalHolds.errors;
const isLegalHoldCode = (code: string): code is LegalHoldCode =>
  Object.hasOwn(legalHoldsZhCN.legalHolds.errors, code);

/** Errors of the legal-hold endpoints in the reader's language (with the server's detail); others as usual. */
export function LegalHoldErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <CodedErrorAlert
      error={error}
      knows={isLegalHoldCode}
      titleOf={(code) => t(`legalHolds.errors.${code}`)}
    />
  );
}
