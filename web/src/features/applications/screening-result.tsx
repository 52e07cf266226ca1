import { CheckCircleFilled, CloseCircleFilled, MinusCircleFilled } from '@ant-design/icons';
import { Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScreeningView } from '../../../../src/contracts/applications.schema';
import { formatDateTime } from '../../shared/date-time';
import { useLocalised } from '../../shared/use-localised';

const outcomeIcons = {
  pass: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  fail: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
  not_applicable: <MinusCircleFilled style={{ color: '#bfbfbf' }} />,
};

/** The automatic screening's decision and every rule's outcome, with its reason in the current language. */
export function ScreeningResult({ screening }: { screening: ScreeningView }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  return (
    <Card
      size="small"
      title={t('screening.title')}
      data-testid="screening-result"
      extra={
        <Tag
          color={screening.decision === 'pass' ? 'success' : 'error'}
          data-testid="screening-decision"
          data-decision={screening.decision}
        >
          {t(`decisions.${screening.decision}`)}
        </Tag>
      }
    >
      <Flex vertical gap={10}>
        {screening.results.map((rule) => (
          <Flex
            key={rule.ruleId}
            gap={8}
            align="start"
            data-testid="screening-rule"
            data-rule={rule.ruleId}
            data-outcome={rule.outcome}
          >
            <span style={{ marginTop: 2 }}>{outcomeIcons[rule.outcome]}</span>
            <div style={{ minWidth: 0 }}>
              <Typography.Text>{localised(rule.reason)}</Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`outcomes.${rule.outcome}`)} · <Typography.Text code>{rule.ruleId}</Typography.Text>
              </Typography.Text>
            </div>
          </Flex>
        ))}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('screening.meta', {
            policy: screening.policyVersion,
            time: formatDateTime(screening.screenedAt),
          })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
