import { useTranslation } from 'react-i18next';
import collateralZhCN from '../../i18n/parts/collateral.zh-CN.json';
import { CodedErrorAlert } from '../../shared/coded-error-alert';

type CollateralCode = keyof typeof collateralZhCN.collateral.errors;
const isCollateralCode = (code: string): code is CollateralCode =>
  Object.hasOwn(collateralZhCN.collateral.errors, code);

/** Errors of the collateral endpoints in the reader's language (with the server's detail); others as usual. */
export function CollateralErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <CodedErrorAlert
      error={error}
      knows={isCollateralCode}
      titleOf={(code) => t(`collateral.errors.${code}`)}
    />
  );
}
