import { AuditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Form, Input, InputNumber, Radio, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  approvalReasonCodes,
  type ApprovalCaseView,
  type DecideApprovalBody,
} from '../../../../src/contracts/approvals.schema';
import { EnumSelect } from '../../shared/enum-select';
import { yuanPattern } from '../../shared/money';
import { useStepUp } from '../security/use-step-up';
import { decideApproval } from './lending-api';
import { LendingErrorAlert } from './lending-error-alert';

type Outcome = DecideApprovalBody['outcome'];
type ReasonCode = DecideApprovalBody['reasonCode'];
const ratePattern = /^0\.[0-9]{1,4}$/;

/**
 * The decision on the current step, for the risk officer or approver whose turn it is: outcome, reason
 * code and written reason; an approver approving may revise amount, rate and term. Sent with step-up.
 */
export function ApprovalDecisionForm({
  approval,
  onDecided,
}: {
  approval: ApprovalCaseView;
  onDecided: (next: ApprovalCaseView) => void;
}) {
  const { t } = useTranslation();
  const { withStepUp, stepUpDialog } = useStepUp();
  const [outcome, setOutcome] = useState<Outcome>('approve');
  const [reasonCode, setReasonCode] = useState<ReasonCode | undefined>();
  const [text, setText] = useState('');
  const [amount, setAmount] = useState('');
  const [rate, setRate] = useState('');
  const [term, setTerm] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const next = approval.next;
  if (!next) return null;
  // Only approvers (on an approval or committee step) may revise the terms.
  const mayRevise = outcome === 'approve' && next.kind !== 'risk_review';

  const submit = async () => {
    setInvalid(null);
    setError(null);
    if (!reasonCode || text.trim() === '') return setInvalid(t('lending.approval.decide.required'));
    const revisedTerms: NonNullable<DecideApprovalBody['revisedTerms']> = {};
    if (mayRevise) {
      if (amount.trim() !== '') {
        if (!yuanPattern.test(amount.trim())) return setInvalid(t('lending.approval.decide.invalidAmount'));
        revisedTerms.amount = amount.trim();
      }
      if (rate.trim() !== '') {
        if (!ratePattern.test(rate.trim())) return setInvalid(t('lending.approval.decide.invalidRate'));
        revisedTerms.nominalAnnualRate = rate.trim();
      }
      if (term !== null) {
        if (!Number.isInteger(term) || term < 1 || term > 600)
          return setInvalid(t('lending.approval.decide.invalidTerm'));
        revisedTerms.termMonths = term;
      }
    }
    const body: DecideApprovalBody = {
      outcome,
      reasonCode,
      text: text.trim(),
      expectedStepIndex: next.stepIndex,
      ...(Object.keys(revisedTerms).length > 0 ? { revisedTerms } : {}),
    };
    setBusy(true);
    try {
      onDecided(await withStepUp(() => decideApproval(approval.applicationId, body)));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      type="inner"
      title={t('lending.approval.decide.title')}
      data-testid="approval-decision-form"
    >
      <Form layout="vertical" onFinish={() => void submit()}>
        <Form.Item label={t('lending.approval.decide.outcome')}>
          <Radio.Group
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as Outcome)}
            data-testid="approval-outcome"
          >
            {(['approve', 'reject', 'return'] as const).map((o) => (
              <Radio.Button key={o} value={o}>
                {/* On the label's text: antd puts other attributes on its hidden input. */}
                <span data-testid={`approval-outcome-${o}`}>{t(`lending.approval.outcomes.${o}`)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('lending.approval.decide.reasonCode')} required>
          <EnumSelect<ReasonCode>
            values={approvalReasonCodes}
            labelOf={(c) => t(`lending.approval.reasonCodes.${c}`)}
            testId="approval-reason-code"
            value={reasonCode}
            onChange={setReasonCode}
            placeholder={t('lending.approval.decide.reasonCodePlaceholder')}
          />
        </Form.Item>
        <Form.Item label={t('lending.approval.decide.text')} required>
          <Input.TextArea
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={2000}
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t('lending.approval.decide.textPlaceholder')}
            data-testid="approval-reason-text"
          />
        </Form.Item>
        {mayRevise && (
          <>
            <Typography.Text strong>{t('lending.approval.decide.revise')}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
              {t('lending.approval.decide.reviseHint')}
            </Typography.Paragraph>
            <Row gutter={12}>
              <Col xs={24} md={8}>
                <Form.Item label={t('lending.approval.decide.amount')}>
                  <Input
                    value={amount}
                    onChange={(e) => setAmount(e.target.value)}
                    placeholder={approval.currentTerms.amount}
                    inputMode="decimal"
                    data-testid="approval-revise-amount"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label={t('lending.approval.decide.rate')}>
                  <Input
                    value={rate}
                    onChange={(e) => setRate(e.target.value)}
                    placeholder={approval.currentTerms.nominalAnnualRate}
                    inputMode="decimal"
                    data-testid="approval-revise-rate"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label={t('lending.approval.decide.term')}>
                  <InputNumber
                    value={term}
                    onChange={(v) => setTerm(v)}
                    min={1}
                    max={600}
                    precision={0}
                    placeholder={String(approval.currentTerms.termMonths)}
                    style={{ width: '100%' }}
                    data-testid="approval-revise-term"
                  />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
        <Flex vertical gap={8}>
          {invalid && <Alert type="warning" showIcon title={invalid} data-testid="approval-invalid" />}
          <LendingErrorAlert error={error} />
          <Button
            type="primary"
            htmlType="submit"
            icon={<AuditOutlined />}
            loading={busy}
            danger={outcome === 'reject'}
            data-testid="approval-decide-submit"
          >
            {t('lending.approval.decide.submit')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('lending.approval.decide.stepUpHint')}
          </Typography.Text>
        </Flex>
      </Form>
      {stepUpDialog}
    </Card>
  );
}
