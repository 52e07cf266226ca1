import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RiskAssessmentView } from '../../../../src/contracts/risk.schema';
import { formatDateTime } from '../../shared/date-time';
import { useLocalised } from '../../shared/use-localised';

/** The credit bureau's report the assessment used, with the hash of the answer as received. */
export function BureauSummary({ bureau }: { bureau: RiskAssessmentView['bureau'] }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  if (!bureau) return <Typography.Text type="secondary">{t('risk.bureau.none')}</Typography.Text>;
  return (
    <Descriptions
      data-testid="risk-bureau"
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'provider', label: t('risk.bureau.provider'), children: bureau.provider },
        {
          key: 'report',
          label: t('risk.bureau.reportId'),
          children: <Typography.Text code>{bureau.reportId}</Typography.Text>,
        },
        { key: 'at', label: t('risk.bureau.retrievedAt'), children: formatDateTime(bureau.retrievedAt) },
        {
          key: 'sha',
          label: t('risk.bureau.responseSha256'),
          children: (
            <Typography.Text style={{ fontSize: 11, wordBreak: 'break-all' }} type="secondary">
              {bureau.responseSha256}
            </Typography.Text>
          ),
        },
        ...bureau.facts.map((f, i) => ({ key: `fact-${i}`, label: localised(f.label), children: f.value })),
      ]}
    />
  );
}
