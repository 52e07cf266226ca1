import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RiskGrade, RiskRecommendation } from '../../../../src/contracts/risk.schema';
import { gradeColours, recommendationColours } from './risk-format';

/** `data-grade` carries the raw grade so tests need not read colours. */
export function GradeTag({ grade }: { grade: RiskGrade }) {
  const { t } = useTranslation();
  return (
    <Tag color={gradeColours[grade]} data-testid="risk-grade" data-grade={grade} style={{ fontWeight: 600 }}>
      {t('risk.gradeValue', { grade })}
    </Tag>
  );
}

export function RecommendationTag({
  recommendation,
  testId,
}: {
  recommendation: RiskRecommendation;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Tag
      color={recommendationColours[recommendation]}
      data-testid={testId}
      data-recommendation={recommendation}
    >
      {t(`risk.recommendations.${recommendation}`)}
    </Tag>
  );
}
