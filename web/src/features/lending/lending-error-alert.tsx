import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import lendingZhCN from '../../i18n/parts/lending.zh-CN.json';
import { ErrorAlert } from '../../shared/error-alert';

type LendingCode = keyof typeof lendingZhCN.lending.errors;
type FourEyesRule = keyof typeof lendingZhCN.lending.approval.cannotDecide;
const isLendingCode = (code: string): code is LendingCode => Object.hasOwn(lendingZhCN.lending.errors, code);
const isRule = (rule: unknown): rule is FourEyesRule =>
  typeof rule === 'string' && Object.hasOwn(lendingZhCN.lending.approval.cannotDecide, rule);

interface Blocker {
  source?: string;
  code?: string;
  message?: string;
}
interface Outstanding {
  code?: string;
  description?: string;
}

/**
 * Errors of approval and disbursement in the reader's language, with what the details say: the
 * blockers of APPROVAL_BLOCKED, the rule of APPROVAL_FOUR_EYES, the conditions of
 * CONDITIONS_OUTSTANDING. Other errors as everywhere else.
 */
export function LendingErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (!(error instanceof ApiError) || !isLendingCode(error.code)) return <ErrorAlert error={error} />;
  const title = t(`lending.errors.${error.code}`);
  const details = (error.details ?? {}) as {
    rule?: unknown;
    blockers?: Blocker[];
    outstanding?: Outstanding[];
  };
  let description: ReactNode = error.message && error.message !== title ? error.message : undefined;
  if (error.code === 'APPROVAL_FOUR_EYES' && isRule(details.rule)) {
    description = (
      <span data-testid="four-eyes-rule">{t(`lending.approval.cannotDecide.${details.rule}`)}</span>
    );
  } else if (error.code === 'APPROVAL_BLOCKED' && Array.isArray(details.blockers)) {
    description = (
      <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="approval-blockers">
        {details.blockers.map((b, i) => (
          <li key={`${b.source}-${b.code}-${i}`} data-testid="approval-blocker" data-code={b.code}>
            {b.message ?? b.code}
            {b.source && <span style={{ color: '#888' }}> （{b.source}）</span>}
          </li>
        ))}
      </ul>
    );
  } else if (error.code === 'CONDITIONS_OUTSTANDING' && Array.isArray(details.outstanding)) {
    description = (
      <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="conditions-outstanding">
        {details.outstanding.map((c, i) => (
          <li key={`${c.code}-${i}`} data-testid="condition-outstanding" data-code={c.code}>
            {c.description ? `${c.description} (${c.code})` : c.code}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={description}
      data-testid="form-error"
      data-code={error.code}
    />
  );
}
