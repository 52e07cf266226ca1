import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Flex,
  Input,
  Modal,
  Segmented,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { GuaranteeView } from '../../../../src/contracts/guarantors.schema';
import { useResource } from '../../api/use-resource';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../shared/date-time';
import { formatYuan } from '../../shared/money';
import { useStepUp } from '../security/use-step-up';
import { statusColor } from './guarantor-format';
import { acceptGuarantee, declineGuarantee, fetchMyGuarantees } from './guarantors-api';
import { GuarantorsErrorAlert } from './guarantors-error-alert';

type Locale = 'zh-CN' | 'en';

/** One guarantee: the loan, the consent text, and accept (step-up) or decline with a reason. */
function GuaranteeCard({
  guarantee: g,
  isVerified,
  onAnswered,
}: {
  guarantee: GuaranteeView;
  isVerified: boolean;
  onAnswered: () => void;
}) {
  const { t } = useTranslation();
  const { withStepUp, stepUpDialog } = useStepUp();
  const [locale, setLocale] = useState<Locale>(currentLanguage());
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const consent = g.consent.texts[locale];

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setDeclining(false);
      onAnswered();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const accept = () =>
    run(() =>
      withStepUp(() =>
        acceptGuarantee(g.id, { consentVersion: g.consent.version, consentSha256: consent.sha256 }),
      ),
    );
  const decline = () => run(() => declineGuarantee(g.id, reason.trim()));

  return (
    <Card
      data-testid={`guarantee-${g.id}`}
      title={t('guarantors.mine.cardTitle', { reference: g.applicationReference })}
      extra={
        <Tag color={statusColor[g.status]} data-testid="guarantee-status" data-status={g.status}>
          {t(`guarantors.status.${g.status}`)}
        </Tag>
      }
    >
      <Flex vertical gap={12}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
          <Descriptions.Item label={t('guarantors.mine.borrower')}>{g.borrowerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('guarantors.mine.product')}>{g.productCode}</Descriptions.Item>
          <Descriptions.Item label={t('guarantors.mine.loanAmount')}>
            {g.loanAmount === null ? '—' : formatYuan(g.loanAmount)}
          </Descriptions.Item>
          <Descriptions.Item label={t('guarantors.mine.term')}>
            {g.termMonths === null ? '—' : t('guarantors.mine.months', { count: g.termMonths })}
          </Descriptions.Item>
          <Descriptions.Item label={t('guarantors.mine.guaranteedAmount')}>
            {formatYuan(g.guaranteedAmount)}
          </Descriptions.Item>
          <Descriptions.Item label={t('guarantors.mine.relationship')}>
            {t(`guarantors.relationship.${g.relationship}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('guarantors.mine.invited')}>
            {t('guarantors.invitedAt', {
              at: formatDateTime(g.invitedAt),
              by: t(`guarantors.side.${g.invitedBySide}`),
            })}
          </Descriptions.Item>
          {g.answeredAt && (
            <Descriptions.Item label={t('guarantors.mine.answered')}>
              {formatDateTime(g.answeredAt)}
            </Descriptions.Item>
          )}
        </Descriptions>

        <div>
          <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
            <Typography.Text strong>{t('guarantors.mine.consentTitle')}</Typography.Text>
            <Segmented<Locale>
              size="small"
              value={locale}
              onChange={(v) => {
                setLocale(v);
                setAgreed(false);
              }}
              options={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Flex>
          <Typography.Paragraph
            style={{ whiteSpace: 'pre-wrap', background: 'rgba(0,0,0,0.03)', padding: 12, borderRadius: 6 }}
            data-testid="guarantee-consent-text"
          >
            {consent.text}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {t('guarantors.mine.consentHash', { version: g.consent.version, sha256: consent.sha256 })}
          </Typography.Text>
        </div>

        {g.status === 'declined' && g.declineReason && (
          <Alert type="info" showIcon title={t('guarantors.declineReason', { reason: g.declineReason })} />
        )}
        {g.canAnswer && (
          <>
            {!isVerified && (
              <Alert
                type="warning"
                showIcon
                title={t('guarantors.mine.verifyFirst')}
                action={
                  <Link to="/verify" data-testid="guarantee-verify-link">
                    {t('guarantors.mine.verifyLink')}
                  </Link>
                }
              />
            )}
            <Checkbox
              checked={agreed}
              disabled={!isVerified}
              onChange={(e) => setAgreed(e.target.checked)}
              data-testid="guarantee-agree"
            >
              {t('guarantors.mine.agree')}
            </Checkbox>
            <GuarantorsErrorAlert error={error} />
            <Flex gap={8} wrap>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                disabled={!agreed || !isVerified}
                loading={busy}
                onClick={() => void accept()}
                data-testid="guarantee-accept"
              >
                {t('guarantors.mine.accept')}
              </Button>
              <Button
                danger
                icon={<CloseOutlined />}
                disabled={busy}
                onClick={() => setDeclining(true)}
                data-testid="guarantee-decline"
              >
                {t('guarantors.mine.decline')}
              </Button>
            </Flex>
          </>
        )}
      </Flex>
      <Modal
        open={declining}
        title={t('guarantors.mine.declineTitle')}
        okText={t('guarantors.mine.decline')}
        cancelText={t('guarantors.cancel')}
        okButtonProps={
          { danger: true, disabled: reason.trim() === '', 'data-testid': 'guarantee-decline-submit' } as never
        }
        confirmLoading={busy}
        onCancel={() => setDeclining(false)}
        onOk={() => void decline()}
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('guarantors.mine.declineReason')}
          data-testid="guarantee-decline-reason"
        />
        <GuarantorsErrorAlert error={declining ? error : null} />
      </Modal>
      {stepUpDialog}
    </Card>
  );
}

/** 我的担保: the guarantees this person was invited to give, to accept with consent or decline. */
export function MyGuaranteesPage() {
  const { t } = useTranslation();
  const mine = useResource(() => fetchMyGuarantees(), []);
  const data = mine.data;
  const isVerified = data?.identity === 'verified';
  return (
    <Flex vertical gap={16} data-testid="my-guarantees-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('guarantors.mine.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('guarantors.mine.intro')}
      </Typography.Paragraph>
      {mine.error ? (
        <GuarantorsErrorAlert error={mine.error} />
      ) : !data ? (
        <Spin />
      ) : (
        <>
          {data.identity === 'failed' && (
            <Alert
              type="error"
              showIcon
              title={t('guarantors.mine.identityFailed')}
              data-testid="guarantee-identity-failed"
            />
          )}
          {data.identity !== 'verified' && data.identity !== 'failed' && data.guarantees.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('guarantors.mine.verifyFirst')}
              action={<Link to={data.verifyPath}>{t('guarantors.mine.verifyLink')}</Link>}
            />
          )}
          {data.guarantees.length === 0 ? (
            <Empty description={t('guarantors.mine.empty')} />
          ) : (
            data.guarantees.map((g) => (
              <GuaranteeCard key={g.id} guarantee={g} isVerified={isVerified} onAnswered={mine.reload} />
            ))
          )}
        </>
      )}
    </Flex>
  );
}
