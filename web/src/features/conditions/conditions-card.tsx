import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Modal, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '../../../../src/contracts/applications.schema';
import type { ConditionItemView } from '../../../../src/contracts/conditions.schema';
import { ApiError } from '../../api/client';
import { useResource } from '../../api/use-resource';
import conditionsZhCN from '../../i18n/parts/conditions.zh-CN.json';
import { formatDateTime } from '../../shared/date-time';
import { ErrorAlert } from '../../shared/error-alert';
import { useErrorText } from '../../shared/use-error-text';
import { useLocalised } from '../../shared/use-localised';
import { useStepUp } from '../security/use-step-up';
import {
  conditionEvidenceUrl,
  fetchConditions,
  revokeCondition,
  uploadConditionEvidence,
  waiveCondition,
} from './conditions-api';

/** The stages the card shows at: from risk control to disbursed. */
const stages: readonly ApplicationStatus[] = ['risk_control', 'approved', 'contract_signed', 'disbursed'];
const statusColours = { outstanding: 'warning', met: 'success', waived: 'blue' } as const;
/** What the API accepts (it also checks the content matches the type). */
const allowedTypes: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};
const maxBytes = 10 * 1024 * 1024;

type ConditionCode = keyof typeof conditionsZhCN.conditions.errors;
const isConditionError = (code: string): code is ConditionCode =>
  Object.hasOwn(conditionsZhCN.conditions.errors, code);

function typeOf(file: File): string | undefined {
  if (Object.values(allowedTypes).includes(file.type)) return file.type;
  return allowedTypes[file.name.split('.').pop()?.toLowerCase() ?? ''];
}

/** A reason asked for in a dialog: revoking a tick or waiving a condition. */
type Asking = { action: 'revoke' | 'waive'; item: ConditionItemView };

/**
 * Conditions precedent (放款前提条件) of an application, for staff: each condition's status; loan
 * officers tick one by uploading its evidence with a note; officers revoke a tick with a reason;
 * approvers waive a waivable condition (step-up). Evidence files download as attachments.
 */
export function ConditionsCard({
  applicationId,
  applicationStatus,
}: {
  applicationId: string;
  applicationStatus: ApplicationStatus;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const localised = useLocalised();
  const errorText = useErrorText();
  const isStage = stages.includes(applicationStatus);
  const list = useResource(
    () => (isStage ? fetchConditions(applicationId) : Promise.resolve(undefined)),
    [applicationId, isStage, applicationStatus],
  );
  const { withStepUp, stepUpDialog } = useStepUp();
  const [files, setFiles] = useState<Record<string, File | undefined>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [asking, setAsking] = useState<Asking | null>(null);
  const [reason, setReason] = useState('');

  if (!isStage) return null;

  const explain = (e: unknown) =>
    e instanceof ApiError && isConditionError(e.code) ? t(`conditions.errors.${e.code}`) : errorText(e).title;

  const chooseFile = (code: string, file: File | undefined) => {
    if (file && !typeOf(file)) {
      void message.error(t('conditions.wrongType'));
      return;
    }
    if (file && file.size > maxBytes) {
      void message.error(t('conditions.tooLarge'));
      return;
    }
    setFiles((f) => ({ ...f, [code]: file }));
  };

  const submit = async (item: ConditionItemView) => {
    const original = files[item.code];
    if (!original) return;
    const typed = new File([original], original.name, { type: typeOf(original) });
    setBusy(item.code);
    try {
      await uploadConditionEvidence(applicationId, item.code, typed, notes[item.code]?.trim() ?? '');
      void message.success(t('conditions.uploaded', { title: localised(item.title) }));
      setFiles((f) => ({ ...f, [item.code]: undefined }));
      setNotes((n) => ({ ...n, [item.code]: '' }));
      list.reload();
    } catch (e) {
      void message.error(explain(e));
    } finally {
      setBusy(null);
    }
  };

  const confirmReason = async () => {
    if (!asking) return;
    const text = reason.trim();
    if (text.length < 2) {
      void message.error(t('conditions.reasonRequired'));
      return;
    }
    const { action, item } = asking;
    setBusy(item.code);
    try {
      if (action === 'waive') await withStepUp(() => waiveCondition(applicationId, item.code, text));
      else await revokeCondition(applicationId, item.code, text);
      void message.success(t(action === 'waive' ? 'conditions.waived' : 'conditions.revoked'));
      setAsking(null);
      setReason('');
      list.reload();
    } catch (e) {
      void message.error(explain(e));
    } finally {
      setBusy(null);
    }
  };

  const view = list.data;
  const roleName = (role: string) => t(`roles.${role}` as 'roles.loan_officer', { defaultValue: role });

  return (
    <Card
      title={t('conditions.title')}
      extra={
        view && (
          <Typography.Text type="secondary">
            {t('conditions.version', { version: view.checklistVersion })}
          </Typography.Text>
        )
      }
      data-testid="conditions-card"
    >
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {view && (
        <Flex vertical gap={12}>
          {view.outstanding.length === 0 ? (
            <Alert
              type="success"
              showIcon
              message={t('conditions.allMet')}
              data-testid="conditions-all-met"
            />
          ) : (
            <Alert
              type={view.isOpen ? 'warning' : 'info'}
              showIcon
              message={t('conditions.outstandingCount', { count: view.outstanding.length })}
            />
          )}
          {!view.isOpen && applicationStatus !== 'disbursed' && (
            <Alert type="info" showIcon message={t('conditions.closed')} />
          )}
          <Table<ConditionItemView>
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={view.items}
            loading={list.loading}
            columns={[
              {
                title: t('conditions.columns.condition'),
                key: 'condition',
                render: (_, item) => (
                  <Flex vertical gap={2}>
                    <Typography.Text strong>{localised(item.title)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {localised(item.evidenceRequired)}
                    </Typography.Text>
                    {item.isWaivable && (
                      <span>
                        <Tag>{t('conditions.waivable')}</Tag>
                      </span>
                    )}
                  </Flex>
                ),
              },
              {
                title: t('conditions.columns.status'),
                key: 'status',
                render: (_, item) => (
                  <Tag color={statusColours[item.status]} data-testid={`condition-status-${item.code}`}>
                    {t(`conditions.status.${item.status}`)}
                  </Tag>
                ),
              },
              {
                title: t('conditions.columns.evidence'),
                key: 'evidence',
                render: (_, item) => (
                  <Flex vertical gap={2}>
                    {item.resolution && (
                      <>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('conditions.by', {
                            role: roleName(item.resolution.by.role),
                            at: formatDateTime(item.resolution.at),
                          })}
                        </Typography.Text>
                        {item.resolution.note && <Typography.Text>{item.resolution.note}</Typography.Text>}
                        {item.resolution.evidence && (
                          <a
                            href={conditionEvidenceUrl(applicationId, item.code)}
                            download={item.resolution.evidence.filename}
                            data-testid={`condition-download-${item.code}`}
                          >
                            <DownloadOutlined /> {item.resolution.evidence.filename}
                          </a>
                        )}
                      </>
                    )}
                    {item.history.length > 0 && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {item.history
                          .map((h) =>
                            h.revoked
                              ? t('conditions.revokedBy', {
                                  role: roleName(h.revoked.by.role),
                                  at: formatDateTime(h.revoked.at),
                                  reason: h.revoked.reason,
                                })
                              : '',
                          )
                          .join('；')}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
              },
              {
                title: t('conditions.columns.actions'),
                key: 'actions',
                render: (_, item) => (
                  <Flex vertical gap={6}>
                    {item.mayTick && (
                      <>
                        <input
                          type="file"
                          accept=".pdf,.jpg,.jpeg,.png"
                          aria-label={t('conditions.chooseFile')}
                          data-testid={`condition-upload-${item.code}`}
                          onChange={(e) => chooseFile(item.code, e.target.files?.[0])}
                        />
                        <Input
                          size="small"
                          maxLength={500}
                          placeholder={t('conditions.notePlaceholder')}
                          aria-label={t('conditions.note')}
                          value={notes[item.code] ?? ''}
                          onChange={(e) => setNotes((n) => ({ ...n, [item.code]: e.target.value }))}
                          data-testid={`condition-note-${item.code}`}
                        />
                        <Button
                          size="small"
                          type="primary"
                          icon={<UploadOutlined />}
                          disabled={!files[item.code]}
                          loading={busy === item.code}
                          onClick={() => void submit(item)}
                          data-testid={`condition-submit-${item.code}`}
                        >
                          {t('conditions.submit')}
                        </Button>
                      </>
                    )}
                    {item.mayRevoke && (
                      <Button
                        size="small"
                        danger
                        onClick={() => setAsking({ action: 'revoke', item })}
                        data-testid={`condition-revoke-${item.code}`}
                      >
                        {t('conditions.revoke')}
                      </Button>
                    )}
                    {item.mayWaive && (
                      <Button
                        size="small"
                        onClick={() => setAsking({ action: 'waive', item })}
                        data-testid={`condition-waive-${item.code}`}
                      >
                        {t('conditions.waive')}
                      </Button>
                    )}
                  </Flex>
                ),
              },
            ]}
          />
        </Flex>
      )}
      <Modal
        open={asking !== null}
        title={
          asking &&
          t(asking.action === 'waive' ? 'conditions.waiveTitle' : 'conditions.revokeTitle', {
            title: localised(asking.item.title),
          })
        }
        okText={t('conditions.confirm')}
        onOk={() => void confirmReason()}
        okButtonProps={{ loading: busy !== null, 'data-testid': 'condition-reason-confirm' } as ButtonProps}
        onCancel={() => {
          setAsking(null);
          setReason('');
        }}
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          placeholder={t('conditions.reason')}
          aria-label={t('conditions.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="condition-reason"
        />
      </Modal>
      {stepUpDialog}
    </Card>
  );
}
