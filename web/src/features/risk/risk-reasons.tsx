import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RiskAssessmentView } from '../../../../src/contracts/risk.schema';
import { useLocalised } from '../../shared/use-localised';

/** The top reason codes (主要扣分原因): where the applicant lost the most points, in the reader's language. */
export function RiskReasons({ reasons }: { reasons: RiskAssessmentView['reasons'] }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  if (reasons.length === 0) return <Typography.Text type="secondary">{t('risk.noReasons')}</Typography.Text>;
  return (
    <ol style={{ margin: 0, paddingInlineStart: 20 }} data-testid="risk-reasons">
      {reasons.map((r) => (
        <li key={r.code} data-testid="risk-reason" data-code={r.code} style={{ marginBottom: 4 }}>
          <Flex gap={8} wrap align="baseline">
            <Typography.Text>{localised(r.text)}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <Typography.Text code>{r.code}</Typography.Text>{' '}
              {t('risk.pointsBelowMax', { points: formatPoints(r.pointsBelowMax) })}
            </Typography.Text>
          </Flex>
        </li>
      ))}
    </ol>
  );
}

/** Points are usually whole; when not, one decimal is enough to read. */
export function formatPoints(points: number): string {
  return Number.isInteger(points) ? String(points) : points.toFixed(1);
}
