import { Grid, Progress, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StepKey } from './wizard-steps';

interface Props {
  steps: StepKey[];
  current: number;
  onChange: (index: number) => void;
}

/** Clickable Steps on wide screens; on phones, where five to seven titles cannot fit, a counter and a bar. */
export function WizardProgress({ steps, current, onChange }: Props) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  if (screens.md) {
    return (
      <Steps
        size="small"
        titlePlacement="vertical"
        current={current}
        onChange={onChange}
        items={steps.map((key) => ({ key, title: t(`steps.${key}`) }))}
        data-testid="wizard-steps"
        style={{ marginBottom: 24 }}
      />
    );
  }
  return (
    <div style={{ marginBottom: 16 }} data-testid="wizard-steps">
      <Typography.Text type="secondary">
        {t('wizard.stepOf', { current: current + 1, total: steps.length })}
      </Typography.Text>
      <Typography.Title level={4} style={{ margin: '4px 0' }}>
        {t(`steps.${steps[current] ?? 'loan'}`)}
      </Typography.Title>
      <Progress percent={Math.round(((current + 1) / steps.length) * 100)} showInfo={false} size="small" />
    </div>
  );
}
