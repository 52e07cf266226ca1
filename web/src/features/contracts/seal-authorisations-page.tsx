import {
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Table,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SealAuthorisationView } from '../../../../src/contracts/loan-contracts.schema';
import { useResource } from '../../api/use-resource';
import { formatDateTime } from '../../shared/date-time';
import { formatYuan } from '../../shared/money';
import { PageTitle } from '../../shared/page-title';
import { useRules } from '../../shared/validation';
import { useStepUp } from '../security/use-step-up';
import { ContractErrorAlert } from './contract-error-alert';
import { fetchSealAuthorisations, grantSealAuthorisation, revokeSealAuthorisation } from './contracts-api';

interface GrantValues {
  maxAmount: string;
  validDays: number;
  reason: string;
}

/** The contract's text fields refuse control characters: line breaks become spaces. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * 印章授权: standing authorisations for the bank's seal to sign loan contracts up to an amount on its
 * own once the people have signed. Granting and revoking need the second factor and a reason.
 */
export function SealAuthorisationsPage() {
  const { t } = useTranslation();
  const rules = useRules();
  const list = useResource(() => fetchSealAuthorisations(), []);
  const { withStepUp, stepUpDialog } = useStepUp();
  const [form] = Form.useForm<GrantValues>();
  const [granting, setGranting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [revoking, setRevoking] = useState<SealAuthorisationView | null>(null);
  const [revokeReason, setRevokeReason] = useState('');
  const [revokeBusy, setRevokeBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<unknown>(null);

  const grant = async (values: GrantValues) => {
    setGranting(true);
    setError(null);
    try {
      await withStepUp(() =>
        grantSealAuthorisation({
          maxAmount: values.maxAmount.trim(),
          validDays: values.validDays,
          reason: oneLine(values.reason),
        }),
      );
      form.resetFields();
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setGranting(false);
    }
  };

  const revoke = async () => {
    if (!revoking) return;
    setRevokeBusy(true);
    setRevokeError(null);
    try {
      await withStepUp(() => revokeSealAuthorisation(revoking.id, oneLine(revokeReason)));
      setRevoking(null);
      setRevokeReason('');
      list.reload();
    } catch (e) {
      setRevokeError(e);
    } finally {
      setRevokeBusy(false);
    }
  };

  return (
    <div className="page-wide" data-testid="seal-authorisations-page">
      <PageTitle title={t('contracts.seal.title')} />
      <Typography.Paragraph type="secondary">{t('contracts.seal.hint')}</Typography.Paragraph>
      <Flex vertical gap={16}>
        <Card size="small" title={t('contracts.seal.grantTitle')}>
          <Form<GrantValues>
            form={form}
            layout="vertical"
            initialValues={{ validDays: 30 }}
            onFinish={(v) => void grant(v)}
            data-testid="seal-grant-form"
            requiredMark
          >
            <Flex gap={16} wrap>
              <Form.Item
                name="maxAmount"
                label={t('contracts.seal.maxAmount')}
                rules={[rules.required(), rules.yuan()]}
                style={{ flex: '0 1 220px' }}
              >
                <Input prefix="¥" inputMode="decimal" data-testid="seal-grant-amount" />
              </Form.Item>
              <Form.Item
                name="validDays"
                label={t('contracts.seal.validDays')}
                rules={[{ required: true, message: t('validation.required') }, rules.integer(1, 366)]}
                style={{ flex: '0 1 160px' }}
              >
                <InputNumber
                  min={1}
                  max={366}
                  precision={0}
                  style={{ width: '100%' }}
                  data-testid="seal-grant-days"
                />
              </Form.Item>
              <Form.Item
                name="reason"
                label={t('contracts.seal.reason')}
                rules={[rules.required(), { min: 4, max: 500, message: t('contracts.seal.reasonLength') }]}
                style={{ flex: '1 1 320px' }}
              >
                <Input maxLength={500} data-testid="seal-grant-reason" />
              </Form.Item>
            </Flex>
            <ContractErrorAlert error={error} />
            <Button
              type="primary"
              htmlType="submit"
              loading={granting}
              data-testid="seal-grant-submit"
              style={{ marginTop: 8 }}
            >
              {t('contracts.seal.grant')}
            </Button>
          </Form>
        </Card>
        <ContractErrorAlert error={list.error} />
        <Table<SealAuthorisationView>
          data-testid="seal-authorisations-table"
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 50 }}
          scroll={{ x: 'max-content' }}
          onRow={(a) =>
            ({ 'data-testid': 'seal-authorisation-row', 'data-active': String(a.active) }) as object
          }
          columns={[
            {
              title: t('contracts.seal.maxAmount'),
              dataIndex: 'maxAmount',
              render: (v: string) => formatYuan(v),
            },
            { title: t('contracts.seal.reason'), dataIndex: 'reason' },
            {
              title: t('contracts.seal.grantedAt'),
              dataIndex: 'grantedAt',
              render: (v: string) => formatDateTime(v),
            },
            {
              title: t('contracts.seal.expiresAt'),
              dataIndex: 'expiresAt',
              render: (v: string) => formatDateTime(v),
            },
            {
              title: t('contracts.seal.state'),
              key: 'state',
              render: (_, a) =>
                a.active ? (
                  <Tag color="green" data-testid="seal-state">
                    {t('contracts.seal.active')}
                  </Tag>
                ) : (
                  <Flex vertical align="start">
                    <Tag color="default" data-testid="seal-state">
                      {t(a.revokedAt ? 'contracts.seal.revoked' : 'contracts.seal.expired')}
                    </Tag>
                    {a.revokedAt && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(a.revokedAt)} · {a.revokeReason}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
            },
            {
              title: '',
              key: 'actions',
              render: (_, a) =>
                a.active && (
                  <Button
                    danger
                    size="small"
                    onClick={() => {
                      setRevoking(a);
                      setRevokeReason('');
                      setRevokeError(null);
                    }}
                    data-testid="seal-revoke"
                  >
                    {t('contracts.seal.revoke')}
                  </Button>
                ),
            },
          ]}
        />
      </Flex>
      <Modal
        open={revoking !== null}
        title={t('contracts.seal.revokeTitle')}
        okText={t('contracts.seal.revoke')}
        okButtonProps={
          {
            danger: true,
            loading: revokeBusy,
            disabled: oneLine(revokeReason).length < 4,
            'data-testid': 'seal-revoke-confirm',
          } as ButtonProps
        }
        onOk={() => void revoke()}
        onCancel={() => setRevoking(null)}
        destroyOnHidden
      >
        <Flex vertical gap={8}>
          {revoking && (
            <Typography.Text>
              {formatYuan(revoking.maxAmount)} · {revoking.reason}
            </Typography.Text>
          )}
          <Input.TextArea
            rows={2}
            maxLength={500}
            value={revokeReason}
            onChange={(e) => setRevokeReason(e.target.value)}
            placeholder={t('contracts.seal.revokeReason')}
            data-testid="seal-revoke-reason"
          />
          <ContractErrorAlert error={revokeError} />
        </Flex>
      </Modal>
      {stepUpDialog}
    </div>
  );
}
