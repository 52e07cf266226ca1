import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '../../../../src/contracts/applications.schema';
import type { GuarantorInvitationView } from '../../../../src/contracts/guarantors.schema';
import { useResource } from '../../api/use-resource';
import { formatDateTime } from '../../shared/date-time';
import { EnumSelect } from '../../shared/enum-select';
import { formatYuan, yuanPattern } from '../../shared/money';
import { useSession } from '../accounts/session-context';
import { relationships, statusColor, type Relationship } from './guarantor-format';
import { fetchGuarantors, inviteGuarantor, withdrawGuarantor } from './guarantors-api';
import { GuarantorsErrorAlert } from './guarantors-error-alert';

const staffRoles = ['loan_officer', 'risk_officer', 'approver', 'admin'];

interface InviteValues {
  name: string;
  mobile: string;
  relationship: Relationship;
  guaranteedAmount?: string;
}

function InviteModal({
  applicationId,
  isStaff,
  open,
  onClose,
  onInvited,
}: {
  applicationId: string;
  isStaff: boolean;
  open: boolean;
  onClose: () => void;
  onInvited: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<InviteValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open]);
  const required = { required: true, whitespace: true, message: t('guarantors.validation.required') };

  const submit = async (v: InviteValues) => {
    setBusy(true);
    setError(null);
    try {
      await inviteGuarantor(applicationId, isStaff, {
        name: v.name.trim(),
        mobile: v.mobile.trim(),
        relationship: v.relationship,
        ...(v.guaranteedAmount?.trim() ? { guaranteedAmount: v.guaranteedAmount.trim() } : {}),
      });
      onInvited();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('guarantors.invite.title')}
      okText={t('guarantors.invite.submit')}
      cancelText={t('guarantors.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(submit)}
      okButtonProps={{ 'data-testid': 'guarantor-invite-submit' } as never}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="guarantor-invite-form">
        <Form.Item name="name" label={t('guarantors.invite.name')} rules={[required, { max: 50 }]}>
          <Input data-testid="guarantor-name" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="mobile"
          label={t('guarantors.invite.mobile')}
          rules={[
            required,
            { pattern: /^(\+?86)?1[3-9][0-9]{9}$/, message: t('guarantors.validation.mobile') },
          ]}
        >
          <Input data-testid="guarantor-mobile" inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="relationship"
          label={t('guarantors.invite.relationship')}
          rules={[{ required: true, message: t('guarantors.validation.required') }]}
        >
          <EnumSelect<Relationship>
            values={relationships}
            labelOf={(r) => t(`guarantors.relationship.${r}`)}
            testId="guarantor-relationship"
          />
        </Form.Item>
        <Form.Item
          name="guaranteedAmount"
          label={t('guarantors.invite.amount')}
          extra={t('guarantors.invite.amountHint')}
          rules={[{ pattern: yuanPattern, message: t('guarantors.validation.amount') }]}
        >
          <Input data-testid="guarantor-amount" inputMode="decimal" />
        </Form.Item>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('guarantors.invite.smsHint')}
        </Typography.Text>
      </Form>
      <GuarantorsErrorAlert error={error} />
    </Modal>
  );
}

/**
 * Guarantors of an application (担保人), on the borrower's application page and the staff one: each
 * invitation with its status; the owning borrower or a loan officer invites (modal) and withdraws.
 */
export function GuarantorsCard({
  applicationId,
  applicationStatus,
}: {
  applicationId: string;
  applicationStatus: ApplicationStatus;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  const role = session?.account.role;
  const isStaff = role !== undefined && staffRoles.includes(role);
  const list = useResource(
    () => fetchGuarantors(applicationId, isStaff),
    [applicationId, isStaff, applicationStatus],
  );
  const [inviting, setInviting] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const withdraw = async (invitationId: string) => {
    setError(null);
    try {
      await withdrawGuarantor(applicationId, isStaff, invitationId);
      list.reload();
    } catch (e) {
      setError(e);
    }
  };

  const invitations = list.data?.invitations ?? [];
  const row = (r: GuarantorInvitationView) => (
    <div
      key={r.id}
      data-testid={`guarantor-row-${r.id}`}
      style={{ border: '1px solid rgba(5,5,5,0.08)', borderRadius: 8, padding: '10px 12px' }}
    >
      <Flex justify="space-between" align="start" gap={8} wrap>
        <div>
          <Typography.Text strong>{r.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            {r.mobileMasked}
          </Typography.Text>
          <div>
            <Typography.Text>
              {t(`guarantors.relationship.${r.relationship}`)} · {t('guarantors.columns.amount')}{' '}
              {formatYuan(r.guaranteedAmount)}
            </Typography.Text>
          </div>
        </div>
        <Flex gap={8} align="center">
          <Tag color={statusColor[r.status]} data-testid={`guarantor-status-${r.id}`} data-status={r.status}>
            {t(`guarantors.status.${r.status}`)}
          </Tag>
          {r.canWithdraw && (
            <Popconfirm
              title={t('guarantors.withdraw.confirm')}
              okText={t('guarantors.withdraw.submit')}
              cancelText={t('guarantors.cancel')}
              onConfirm={() => withdraw(r.id)}
            >
              <Button size="small" danger data-testid={`guarantor-withdraw-${r.id}`}>
                {t('guarantors.withdraw.submit')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      </Flex>
      {r.status === 'declined' && r.declineReason && (
        <Typography.Text type="danger" style={{ display: 'block', marginTop: 4 }}>
          {t('guarantors.declineReason', { reason: r.declineReason })}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
        {t('guarantors.invitedAt', {
          at: formatDateTime(r.invitedAt),
          by: t(`guarantors.side.${r.invitedBySide}`),
        })}
        {r.answeredAt && ` · ${t('guarantors.answeredAt', { at: formatDateTime(r.answeredAt) })}`}
        {r.withdrawnAt && ` · ${t('guarantors.withdrawnAt', { at: formatDateTime(r.withdrawnAt) })}`}
      </Typography.Text>
    </div>
  );

  const blocking = invitations.filter((i) =>
    ['invited', 'declined', 'verification_failed'].includes(i.status),
  );
  return (
    <Card
      title={t('guarantors.title')}
      data-testid="guarantors-card"
      extra={
        list.data?.canInvite && (
          <Button icon={<PlusOutlined />} onClick={() => setInviting(true)} data-testid="guarantor-invite">
            {t('guarantors.invite.open')}
          </Button>
        )
      }
    >
      {list.error ? (
        <GuarantorsErrorAlert error={list.error} />
      ) : invitations.length === 0 && !list.loading ? (
        <Empty description={t('guarantors.empty')} />
      ) : (
        <>
          {blocking.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('guarantors.blocking', { count: blocking.length })}
              style={{ marginBottom: 12 }}
              data-testid="guarantors-blocking"
            />
          )}
          <Flex vertical gap={8} data-testid="guarantors-list">
            {invitations.map(row)}
          </Flex>
        </>
      )}
      <GuarantorsErrorAlert error={error} />
      <InviteModal
        applicationId={applicationId}
        isStaff={isStaff}
        open={inviting}
        onClose={() => setInviting(false)}
        onInvited={list.reload}
      />
    </Card>
  );
}
