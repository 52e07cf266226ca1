import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import collateralZhCN from '../../i18n/parts/collateral.zh-CN.json';
import { ErrorAlert } from '../../shared/error-alert';

type CollateralCode = keyof typeof collateralZhCN.collateral.errors;
const isCollateralCode = (code: string): code is CollateralCode =>
  Object.hasOwn(collateralZhCN.collateral.errors, code);

/** Errors of the collateral endpoints in the reader's language (with the server's detail); others as usual. */
export function CollateralErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (!(error instanceof ApiError) || !isCollateralCode(error.code)) return <ErrorAlert error={error} />;
  const title = t(`collateral.errors.${error.code}`);
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
