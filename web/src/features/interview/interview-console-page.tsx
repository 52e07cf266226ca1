import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  List,
  Radio,
  Row,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { ConcludeInterviewBody } from '../../../../src/contracts/interview.schema';
import type { InterviewFaceSamples } from '../../../../src/contracts/interview-face.schema';
import { apiRequest } from '../../api/client';
import { useResource } from '../../api/use-resource';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/date-time';
import { PageTitle } from '../../shared/page-title';
import { useStepUp } from '../security/use-step-up';
import { InterviewRoom } from './room/interview-room';
import {
  answerQuestion,
  concludeInterview,
  confirmDisclosure,
  decideQc,
  fetchConsole,
  flagPrompting,
  startInterview,
  type InterviewConsoleView,
} from './interview-api';

type Lang = 'zh-CN' | 'en';

/** QC report as the server builds it (core/interview/qc-report.ts). */
interface QcReportView {
  coverage: { confirmed: number; total: number; isComplete: boolean };
  questions: { asked: number; answered: number; matched: number; mismatched: string[] };
  prompting: { count: number };
  face: { samples: number; presence: number | null; isContinuous: boolean | null };
  recording: { sha256: string; durationSeconds: number } | null;
  alerts: {
    kind:
      | 'disclosure_not_confirmed'
      | 'question_not_answered'
      | 'answer_mismatch'
      | 'prompting_flagged'
      | 'no_face'
      | 'several_faces'
      | 'low_match'
      | 'nod_not_seen';
    key?: string;
  }[];
  missing: ('face_samples' | 'recording')[];
  isClean: boolean;
}

const offset = (s: number | null) =>
  s === null ? '—' : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

/** The officer's console: the room, the script to read, the questions, prompting, the conclusion form, QC. */
export function InterviewConsolePage() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { id = '' } = useParams();
  const view = useResource(() => fetchConsole(id), [id]);
  const [error, setError] = useState<unknown>(null);
  const { withStepUp, stepUpDialog } = useStepUp();

  const run = async (action: () => Promise<InterviewConsoleView>) => {
    try {
      view.set(await action());
      setError(null);
    } catch (e) {
      setError(e);
    }
  };

  const v = view.data;
  const isLive = v?.status === 'in_progress';
  return (
    <div className="page-wide" data-testid="interview-console-page">
      <PageTitle
        title={t('interview.consoleTitle')}
        extra={<Link to="/staff/interviews">{t('interview.back')}</Link>}
      />
      <ErrorAlert error={view.error ?? error} />
      {view.loading && !v && <Card loading />}
      {v && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Flex vertical gap={12}>
              <Descriptions size="small" bordered column={1} data-testid="console-summary">
                <Descriptions.Item label={t('interview.time')}>
                  {formatDateTime(v.startsAt)} – {formatDateTime(v.endsAt)}
                </Descriptions.Item>
                <Descriptions.Item label={t('interview.statusLabel')}>
                  <Tag data-testid="console-status">{t(`interview.status.${v.status}`)}</Tag>
                </Descriptions.Item>
                <Descriptions.Item label={t('interview.participants')}>
                  {v.participants
                    .map((p) => `${p.displayName}（${t(`interview.roles.${p.role}`)}）`)
                    .join('、')}
                </Descriptions.Item>
              </Descriptions>
              {v.isInterviewer && v.status !== 'concluded' && v.status !== 'cancelled' && (
                <InterviewRoom
                  interviewId={id}
                  role="officer"
                  // Joining starts the interview on the server: show its script and questions.
                  onStateChange={(s) => s === 'connected' && view.reload()}
                />
              )}
              {v.isInterviewer && v.status === 'scheduled' && (
                <Button
                  type="primary"
                  data-testid="start-interview"
                  onClick={() => void run(() => startInterview(id))}
                >
                  {t('interview.start')}
                </Button>
              )}
              {isLive && <LiveFacePanel interviewId={id} />}
              {v.isInterviewer && isLive && (
                <PromptingPanel
                  onFlag={(note) => run(() => flagPrompting(id, note))}
                  count={v.prompting.length}
                />
              )}
            </Flex>
          </Col>
          <Col xs={24} lg={12}>
            <Flex vertical gap={12}>
              {v.script && (
                <Card
                  size="small"
                  title={`${t('interview.script')} · ${v.script.version}`}
                  data-testid="script-panel"
                >
                  <List
                    dataSource={v.script.items}
                    renderItem={(item) => (
                      <List.Item
                        data-testid="script-item"
                        data-key={item.key}
                        data-confirmed={item.confirmed !== null}
                      >
                        <Flex vertical gap={4} style={{ width: '100%' }}>
                          <Typography.Text>{item.text[lang]}</Typography.Text>
                          <Typography.Text type="secondary">{item.confirmation[lang]}</Typography.Text>
                          {item.confirmed ? (
                            <Tag color="success" data-testid="script-confirmed">
                              {t(`interview.method.${item.confirmed.method}`)} ·{' '}
                              {offset(item.confirmed.offsetSeconds)}
                            </Tag>
                          ) : (
                            isLive &&
                            v.isInterviewer && (
                              <Space>
                                <Button
                                  size="small"
                                  data-testid="confirm-voice"
                                  onClick={() => void run(() => confirmDisclosure(id, item.key, 'voice'))}
                                >
                                  {t('interview.method.voice')}
                                </Button>
                                <Button
                                  size="small"
                                  data-testid="confirm-nod"
                                  onClick={() => void run(() => confirmDisclosure(id, item.key, 'nod'))}
                                >
                                  {t('interview.method.nod')}
                                </Button>
                              </Space>
                            )
                          )}
                        </Flex>
                      </List.Item>
                    )}
                  />
                </Card>
              )}
              {v.questions.length > 0 && (
                <Card size="small" title={t('interview.questions')} data-testid="questions-panel">
                  <List
                    dataSource={v.questions}
                    renderItem={(q) => (
                      <List.Item data-testid="question-item" data-key={q.key}>
                        <QuestionRow
                          text={q.text[lang]}
                          answer={q.answer}
                          isMatch={q.isMatch}
                          canAnswer={isLive && v.isInterviewer}
                          onAnswer={(answer) => run(() => answerQuestion(id, q.key, answer))}
                        />
                      </List.Item>
                    )}
                  />
                </Card>
              )}
              {v.isInterviewer && (isLive || v.qc.status === 'returned') && (
                <ConclusionForm onConclude={(form) => run(() => concludeInterview(id, form))} />
              )}
              {v.conclusion && (
                <Alert
                  data-testid="conclusion-view"
                  type={v.conclusion.outcome === 'pass' ? 'success' : 'error'}
                  message={t(`interview.outcome.${v.conclusion.outcome}`)}
                  description={[v.conclusion.findings, ...v.conclusion.reasons].filter(Boolean).join('；')}
                />
              )}
              {v.status === 'concluded' && (
                <QcPanel
                  report={v.qc.report as QcReportView}
                  status={v.qc.status}
                  reason={v.qc.reason}
                  canSignOff={v.canSignOffQc}
                  onDecide={(decision, reason) => run(() => withStepUp(() => decideQc(id, decision, reason)))}
                />
              )}
            </Flex>
          </Col>
        </Row>
      )}
      {stepUpDialog}
    </div>
  );
}

function QuestionRow({
  text,
  answer,
  isMatch,
  canAnswer,
  onAnswer,
}: {
  text: string;
  answer: string | null;
  isMatch: boolean | null;
  canAnswer: boolean;
  onAnswer: (answer: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(answer ?? '');
  return (
    <Flex vertical gap={4} style={{ width: '100%' }}>
      <Typography.Text>{text}</Typography.Text>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          data-testid="answer-input"
          value={draft}
          disabled={!canAnswer}
          maxLength={200}
          onChange={(e) => setDraft(e.target.value)}
        />
        {canAnswer && (
          <Button
            data-testid="answer-save"
            disabled={draft.trim() === ''}
            onClick={() => void onAnswer(draft.trim())}
          >
            {t('interview.record')}
          </Button>
        )}
      </Space.Compact>
      {isMatch !== null && (
        <Tag color={isMatch ? 'success' : 'error'} data-testid="answer-check" data-match={isMatch}>
          {isMatch ? t('interview.match') : t('interview.mismatch')}
        </Tag>
      )}
    </Flex>
  );
}

/**
 * The live identity check: the borrower's latest face sample (polled every 3 s) — match score against
 * the authority's photo with a tag against the threshold, second-person and no-face alerts with their
 * times, and nods counted. A borrower verified by officer video has no reference photo: no score.
 */
function LiveFacePanel({ interviewId }: { interviewId: string }) {
  const { t } = useTranslation();
  const [face, setFace] = useState<InterviewFaceSamples | undefined>();
  useEffect(() => {
    let isCurrent = true;
    const poll = () =>
      void apiRequest<InterviewFaceSamples>('GET', `/staff/interviews/${interviewId}/face-samples`).then(
        (r) => isCurrent && setFace(r),
        () => {},
      );
    poll();
    const timer = setInterval(poll, 3000);
    return () => {
      isCurrent = false;
      clearInterval(timer);
    };
  }, [interviewId]);
  const latest = face?.latest;
  const score = latest?.matchScore;
  const seconds = (ms: number) =>
    `${Math.floor(ms / 60000)}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`;
  return (
    <Card size="small" title={t('interviewRoom.face.title')} data-testid="live-face-panel">
      {!latest && <Typography.Text type="secondary">{t('interviewRoom.face.waiting')}</Typography.Text>}
      {latest && (
        <Flex vertical gap={6}>
          <Space wrap>
            <Typography.Text>{t('interviewRoom.face.score')}</Typography.Text>
            {typeof score === 'number' ? (
              <Tag color={score >= face.threshold ? 'success' : 'error'} data-testid="face-score">
                {score.toFixed(3)}{' '}
                {score >= face.threshold ? t('interviewRoom.face.match') : t('interviewRoom.face.mismatch')}
              </Tag>
            ) : (
              <Tag data-testid="face-score">
                {face.reference === 'officer_video'
                  ? t('interviewRoom.face.noReference')
                  : t('interviewRoom.face.noScore')}
              </Tag>
            )}
            <Typography.Text type="secondary">
              {t('interviewRoom.face.faces', { count: latest.faceCount })} ·{' '}
              {t('interviewRoom.face.nods', { count: face.nods })}
            </Typography.Text>
          </Space>
          {face.alerts.slice(0, 5).map((a) => (
            <Alert
              key={a.at}
              type={a.flags.includes('second_face') || a.flags.includes('mismatch') ? 'error' : 'warning'}
              showIcon
              data-testid="face-alert"
              message={`${seconds(a.offsetMs)} · ${a.flags
                .filter((f) => f !== 'nod')
                .map((f) => t(`interviewRoom.face.flag.${f}`))
                .join('、')}`}
            />
          ))}
        </Flex>
      )}
    </Card>
  );
}

function PromptingPanel({ onFlag, count }: { onFlag: (note: string) => Promise<void>; count: number }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  return (
    <Card size="small" title={t('interview.prompting')} data-testid="prompting-panel">
      <Space.Compact style={{ width: '100%' }}>
        <Input
          data-testid="prompting-note"
          value={note}
          maxLength={500}
          placeholder={t('interview.promptingNote')}
          onChange={(e) => setNote(e.target.value)}
        />
        <Button
          danger
          data-testid="flag-prompting"
          disabled={note.trim() === ''}
          onClick={() => void onFlag(note.trim()).then(() => setNote(''))}
        >
          {t('interview.flag')}
        </Button>
      </Space.Compact>
      {count > 0 && (
        <Tag color="warning" style={{ marginTop: 8 }} data-testid="prompting-count">
          {t('interview.flagged', { count })}
        </Tag>
      )}
    </Card>
  );
}

function ConclusionForm({ onConclude }: { onConclude: (form: ConcludeInterviewBody) => Promise<void> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{
    isIdentityConfirmed: boolean;
    isWillingnessConfirmed: boolean;
    isPromptingAbsent: boolean;
    findings: string;
    outcome: 'pass' | 'fail';
    reasons: string;
  }>();
  return (
    <Card size="small" title={t('interview.conclusion')} data-testid="conclusion-form">
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          isIdentityConfirmed: false,
          isWillingnessConfirmed: false,
          isPromptingAbsent: false,
          findings: '',
          outcome: 'pass',
          reasons: '',
        }}
        onFinish={(v) =>
          void onConclude({
            isIdentityConfirmed: v.isIdentityConfirmed,
            isWillingnessConfirmed: v.isWillingnessConfirmed,
            isPromptingAbsent: v.isPromptingAbsent,
            findings: v.findings.trim(),
            outcome: v.outcome,
            reasons: v.reasons
              .split(/\n+/)
              .map((r) => r.trim())
              .filter(Boolean),
          })
        }
      >
        <Form.Item name="isIdentityConfirmed" valuePropName="checked" noStyle>
          <Checkbox data-testid="form-identity">{t('interview.form.identity')}</Checkbox>
        </Form.Item>
        <Form.Item name="isWillingnessConfirmed" valuePropName="checked" noStyle>
          <Checkbox data-testid="form-willingness">{t('interview.form.willingness')}</Checkbox>
        </Form.Item>
        <Form.Item name="isPromptingAbsent" valuePropName="checked">
          <Checkbox data-testid="form-no-prompting">{t('interview.form.noPrompting')}</Checkbox>
        </Form.Item>
        <Form.Item name="findings" label={t('interview.form.findings')}>
          <Input.TextArea data-testid="form-findings" rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="outcome" label={t('interview.form.outcome')}>
          <Radio.Group data-testid="form-outcome">
            <Radio value="pass" data-testid="form-pass">
              {t('interview.outcome.pass')}
            </Radio>
            <Radio value="fail" data-testid="form-fail">
              {t('interview.outcome.fail')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="reasons" label={t('interview.form.reasons')}>
          <Input.TextArea data-testid="form-reasons" rows={2} />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="conclude">
          {t('interview.conclude')}
        </Button>
      </Form>
    </Card>
  );
}

function QcPanel({
  report: r,
  status,
  reason,
  canSignOff,
  onDecide,
}: {
  report: QcReportView;
  status: InterviewConsoleView['qcStatus'];
  reason: string | null;
  canSignOff: boolean;
  onDecide: (decision: 'sign_off' | 'return', reason: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  return (
    <Card
      size="small"
      title={t('interview.qcReport')}
      data-testid="qc-report"
      extra={<Tag data-testid="qc-status">{t(`interview.qcStatus.${status}`)}</Tag>}
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('interview.qc.coverage')}>
          <span data-testid="qc-coverage">{`${r.coverage.confirmed}/${r.coverage.total}`}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('interview.qc.questions')}>
          {t('interview.qc.matched', { matched: r.questions.matched, asked: r.questions.asked })}
        </Descriptions.Item>
        <Descriptions.Item label={t('interview.prompting')}>{r.prompting.count}</Descriptions.Item>
        <Descriptions.Item label={t('interview.qc.face')}>
          {r.face.presence === null ? '—' : `${Math.round(r.face.presence * 100)}%`}
        </Descriptions.Item>
        <Descriptions.Item label={t('interview.qc.recording')}>
          {r.recording ? `${r.recording.durationSeconds}s · ${r.recording.sha256.slice(0, 12)}…` : '—'}
        </Descriptions.Item>
      </Descriptions>
      {r.missing.length > 0 && (
        <Alert
          type="warning"
          data-testid="qc-missing"
          message={r.missing.map((m) => t(`interview.qc.missing.${m}`)).join('；')}
        />
      )}
      {r.alerts.length > 0 && (
        <Flex gap={4} wrap style={{ marginTop: 8 }} data-testid="qc-alerts">
          {r.alerts.map((a, i) => (
            <Tag key={i} color="error">
              {t(`interview.qc.alert.${a.kind}`)}
              {a.key ? ` · ${a.key}` : ''}
            </Tag>
          ))}
        </Flex>
      )}
      {reason && <Typography.Paragraph type="secondary">{reason}</Typography.Paragraph>}
      {canSignOff && (
        <Flex vertical gap={8} style={{ marginTop: 12 }}>
          <Input.TextArea
            data-testid="qc-reason"
            rows={2}
            value={text}
            maxLength={1000}
            placeholder={t('interview.qc.reason')}
            onChange={(e) => setText(e.target.value)}
          />
          <Space>
            <Button
              type="primary"
              data-testid="qc-sign-off"
              disabled={text.trim() === ''}
              onClick={() => void onDecide('sign_off', text.trim())}
            >
              {t('interview.qc.signOff')}
            </Button>
            <Button
              data-testid="qc-return"
              disabled={text.trim() === ''}
              onClick={() => void onDecide('return', text.trim())}
            >
              {t('interview.qc.return')}
            </Button>
          </Space>
        </Flex>
      )}
    </Card>
  );
}
