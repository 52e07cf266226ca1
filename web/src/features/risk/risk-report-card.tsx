import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Space, Spin, Typography } from 'antd';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskAssessmentView } from '../../../../src/contracts/risk.schema';
import { ApiError } from '../../api/client';
import { useResource } from '../../api/use-resource';
import { useSession } from '../accounts/session-context';
import { BureauSummary } from './bureau-summary';
import { CharacteristicsTable } from './characteristics-table';
import { OverrideForm, RecordedOverride } from './override-form';
import { fetchRiskAssessment, runRiskAssessment } from './risk-api';
import { RiskErrorAlert } from './risk-error-alert';
import { RiskReasons } from './risk-reasons';
import { canAssess } from './risk-roles';
import { RiskSummary } from './risk-summary';
import { ScreeningRulesTable } from './screening-rules-table';
import './risk-print.css';

// ECharts comes in its own chunk, fetched only when a report is on screen.
const RiskCharts = lazy(() => import('./risk-charts'));

/** Prints only the report: the rest of the page is hidden while the print dialog is open. */
function printReport(): void {
  document.body.classList.add('risk-printing');
  const done = () => {
    document.body.classList.remove('risk-printing');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="risk-section">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

/**
 * The application's risk report (风险报告) for staff: the score and what it rests on, the charts, the
 * bureau report and any override; officers may (re-)run the assessment and override it.
 */
export function RiskReportCard({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const isAssessor = canAssess(session?.account.role);
  const report = useResource(() => fetchRiskAssessment(applicationId), [applicationId]);
  const [running, setRunning] = useState(false);
  const [runError, setRunError] = useState<unknown>(null);
  const a = report.data;
  const isMissing = report.error instanceof ApiError && report.error.code === 'RISK_ASSESSMENT_NOT_FOUND';

  const run = async () => {
    setRunning(true);
    setRunError(null);
    try {
      report.set(await runRiskAssessment(applicationId));
    } catch (e) {
      setRunError(e);
    } finally {
      setRunning(false);
    }
  };

  const runButton = (label: string, primary = false) => (
    <Button
      type={primary ? 'primary' : 'default'}
      icon={<ReloadOutlined />}
      loading={running}
      onClick={() => void run()}
      data-testid="risk-run"
    >
      {label}
    </Button>
  );

  return (
    <Card
      title={t('risk.title')}
      className="risk-report"
      data-testid="risk-report"
      data-state={a ? 'assessed' : isMissing ? 'none' : report.loading ? 'loading' : 'error'}
      loading={report.loading && !a && !report.error}
      extra={
        <Space className="risk-no-print">
          {a && isAssessor && runButton(t('risk.rerun'))}
          {a && (
            <Button icon={<PrinterOutlined />} onClick={printReport} data-testid="risk-print">
              {t('risk.print')}
            </Button>
          )}
        </Space>
      }
    >
      {runError !== null && (
        <div style={{ marginBottom: 12 }}>
          <RiskErrorAlert error={runError} />
        </div>
      )}
      {!a && isMissing && (
        <Empty description={t('risk.none')} data-testid="risk-empty">
          {isAssessor && runButton(t('risk.run'), true)}
        </Empty>
      )}
      {!a && report.error !== null && !isMissing && <RiskErrorAlert error={report.error} />}
      {a && <RiskReport assessment={a} onChange={report.set} canOverride={isAssessor} />}
    </Card>
  );
}

function RiskReport({
  assessment: a,
  onChange,
  canOverride,
}: {
  assessment: RiskAssessmentView;
  onChange: (a: RiskAssessmentView) => void;
  canOverride: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={20}>
      <RiskSummary assessment={a} />
      <Section title={t('risk.reasons')}>
        <RiskReasons reasons={a.reasons} />
      </Section>
      <Section title={t('risk.charts.title')}>
        {a.model.curves === null && (
          <Typography.Paragraph type="secondary">{t('risk.charts.expertOnly')}</Typography.Paragraph>
        )}
        <Suspense
          fallback={
            <Flex justify="center" style={{ padding: 24 }}>
              <Spin />
            </Flex>
          }
        >
          <RiskCharts assessment={a} />
        </Suspense>
      </Section>
      <Section title={t('risk.characteristics')}>
        <CharacteristicsTable characteristics={a.characteristics} />
      </Section>
      <Section title={t('risk.screening')}>
        <ScreeningRulesTable rules={a.screening} />
      </Section>
      <Section title={t('risk.bureau.title')}>
        <BureauSummary bureau={a.bureau} />
      </Section>
      <Section title={t('risk.override.title')}>
        <Flex vertical gap={12}>
          {a.override ? (
            <RecordedOverride override={a.override} />
          ) : (
            <Typography.Text type="secondary" data-testid="risk-override-none">
              {t('risk.override.none')}
            </Typography.Text>
          )}
          {canOverride && <OverrideForm applicationId={a.applicationId} onSaved={onChange} />}
        </Flex>
      </Section>
    </Flex>
  );
}
