import { Button, Descriptions, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  overrideReasonCodes,
  riskRecommendations,
  type OverrideBody,
  type RiskAssessmentView,
} from '../../../../src/contracts/risk.schema';
import { formatDateTime } from '../../shared/date-time';
import { EnumSelect } from '../../shared/enum-select';
import { overrideRiskAssessment } from './risk-api';
import { RiskErrorAlert } from './risk-error-alert';
import { RecommendationTag } from './risk-tags';

type Recorded = NonNullable<RiskAssessmentView['override']>;

/** The override on record: the decision, who (by role), when, and why. */
export function RecordedOverride({ override }: { override: Recorded }) {
  const { t, i18n } = useTranslation();
  const role = i18n.exists(`roles.${override.byRole}`)
    ? i18n.t(`roles.${override.byRole}` as never)
    : override.byRole;
  return (
    <Descriptions
      data-testid="risk-override-recorded"
      size="small"
      bordered
      column={1}
      items={[
        {
          key: 'decision',
          label: t('risk.override.decision'),
          children: <RecommendationTag recommendation={override.decision} testId="risk-override-decision" />,
        },
        {
          key: 'reason',
          label: t('risk.override.reasonCode'),
          children: (
            <span data-testid="risk-override-reason" data-reason={override.reasonCode}>
              {t(`risk.overrideReasons.${override.reasonCode}`)}
            </span>
          ),
        },
        { key: 'text', label: t('risk.override.text'), children: override.text },
        { key: 'by', label: t('risk.override.byRole'), children: role },
        { key: 'at', label: t('risk.override.at'), children: formatDateTime(override.at) },
      ]}
    />
  );
}

/** An officer's override of the model's recommendation: a decision, a coded reason and a written one. */
export function OverrideForm({
  applicationId,
  onSaved,
}: {
  applicationId: string;
  onSaved: (assessment: RiskAssessmentView) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<OverrideBody>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (values: OverrideBody) => {
    setSaving(true);
    setError(null);
    try {
      const saved = await overrideRiskAssessment(applicationId, {
        ...values,
        // The contract refuses control characters: line breaks become spaces.
        text: values.text.replace(/\s+/g, ' ').trim(),
      });
      form.resetFields();
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<OverrideBody>
      form={form}
      layout="vertical"
      onFinish={(v) => void submit(v)}
      data-testid="risk-override-form"
      className="risk-no-print"
      requiredMark
    >
      <Typography.Paragraph type="secondary">{t('risk.override.hint')}</Typography.Paragraph>
      <Flex gap={16} wrap>
        <Form.Item
          name="decision"
          label={t('risk.override.decision')}
          rules={[{ required: true, message: t('risk.override.required') }]}
          style={{ minWidth: 180 }}
        >
          <EnumSelect
            testId="risk-override-decision-select"
            values={riskRecommendations}
            labelOf={(r) => t(`risk.recommendations.${r}`)}
          />
        </Form.Item>
        <Form.Item
          name="reasonCode"
          label={t('risk.override.reasonCode')}
          rules={[{ required: true, message: t('risk.override.required') }]}
          style={{ minWidth: 240 }}
        >
          <EnumSelect
            testId="risk-override-reason-select"
            values={overrideReasonCodes}
            labelOf={(r) => t(`risk.overrideReasons.${r}`)}
          />
        </Form.Item>
      </Flex>
      <Form.Item
        name="text"
        label={t('risk.override.text')}
        rules={[{ required: true, whitespace: true, message: t('risk.override.required') }, { max: 1000 }]}
      >
        <Input.TextArea
          rows={2}
          maxLength={1000}
          showCount
          data-testid="risk-override-text"
          placeholder={t('risk.override.textPlaceholder')}
        />
      </Form.Item>
      {error !== null && (
        <div style={{ marginBottom: 12 }}>
          <RiskErrorAlert error={error} />
        </div>
      )}
      <Button type="primary" htmlType="submit" loading={saving} data-testid="risk-override-submit">
        {t('risk.override.submit')}
      </Button>
    </Form>
  );
}
