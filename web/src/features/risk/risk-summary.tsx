import { Descriptions, Flex, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RiskAssessmentView } from '../../../../src/contracts/risk.schema';
import { formatDateTime } from '../../shared/date-time';
import { formatYuan } from '../../shared/money';
import { useLocalised } from '../../shared/use-localised';
import { formatPercent, formatRate } from './risk-format';
import { GradeTag, RecommendationTag } from './risk-tags';

/** The headline of a report: score, grade, PD, recommendation (and after override), limit, rate, model. */
export function RiskSummary({ assessment: a }: { assessment: RiskAssessmentView }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const overridden = a.override !== null;
  return (
    <Flex vertical gap={12}>
      <Flex gap={32} wrap align="center">
        <Statistic
          title={t('risk.score')}
          value={a.score}
          valueRender={() => <span data-testid="risk-score">{a.score}</span>}
        />
        <div>
          <Typography.Text type="secondary">{t('risk.grade')}</Typography.Text>
          <div style={{ fontSize: 20, marginTop: 4 }}>
            <GradeTag grade={a.grade} />
          </div>
        </div>
        <Statistic
          title={t('risk.probabilityOfDefault')}
          value={formatPercent(a.probabilityOfDefault)}
          valueRender={() => <span data-testid="risk-pd">{formatPercent(a.probabilityOfDefault)}</span>}
        />
        <div>
          <Typography.Text type="secondary">{t('risk.recommendation')}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            <RecommendationTag recommendation={a.recommendation} testId="risk-recommendation" />
          </div>
        </div>
        <div>
          <Typography.Text type="secondary">{t('risk.finalRecommendation')}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            <RecommendationTag recommendation={a.finalRecommendation} testId="risk-final-recommendation" />
            {overridden && <Tag color="purple">{t('risk.override.overridden')}</Tag>}
          </div>
        </div>
      </Flex>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          {
            key: 'limit',
            label: t('risk.recommendedLimit'),
            children: <span data-testid="risk-limit">{formatYuan(a.recommendedLimit)}</span>,
          },
          {
            key: 'rate',
            label: t('risk.recommendedAnnualRate'),
            children: <span data-testid="risk-rate">{formatRate(a.recommendedAnnualRate)}</span>,
          },
          { key: 'assessedAt', label: t('risk.assessedAt'), children: formatDateTime(a.assessedAt) },
          {
            key: 'model',
            label: t('risk.model'),
            children: (
              <span data-testid="risk-model" data-kind={a.model.kind}>
                {localised(a.model.label)}{' '}
                <Typography.Text code>
                  {a.model.id}@{a.model.version}
                </Typography.Text>{' '}
                <Tag color={a.model.kind === 'expert' ? 'orange' : 'blue'}>
                  {t(`risk.modelKinds.${a.model.kind}`)}
                </Tag>
              </span>
            ),
          },
          {
            key: 'policy',
            label: t('risk.policyVersion'),
            children: <Typography.Text code>{a.policyVersion}</Typography.Text>,
          },
          {
            key: 'inputs',
            label: t('risk.inputsSha256'),
            children: (
              <Typography.Text style={{ fontSize: 11, wordBreak: 'break-all' }} type="secondary">
                {a.inputsSha256}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Flex>
  );
}
