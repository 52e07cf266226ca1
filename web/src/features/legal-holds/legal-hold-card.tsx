import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Modal, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LegalHoldView } from '../../../../src/contracts/legal-holds.schema';
import { useResource } from '../../api/use-resource';
import { formatDateTime } from '../../shared/date-time';
import { useSession } from '../accounts/session-context';
import { useStepUp } from '../security/use-step-up';
import {
  canPlaceLegalHold,
  canReadLegalHolds,
  cleanReason,
  holdInForce,
  reasonMaxLength,
  releaseAccess,
} from './legal-hold-access';
import { LegalHoldErrorAlert } from './legal-hold-error-alert';
import { fetchLegalHolds, placeLegalHold, releaseLegalHold } from './legal-holds-api';

type Action = 'place' | 'release';
type By = LegalHoldView['placedBy'];

/**
 * 证据保全 on the staff application page: whether the application is under a legal hold (the retention
 * jobs then keep its personal data, documents and interview recordings), the hold in force and the
 * history. Risk officers and administrators place and release holds (with a reason and step-up);
 * four eyes: the person who placed a hold does not release it.
 */
export function LegalHoldCard({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useSession();
  const role = session?.account.role;
  const accountId = session?.account.id;
  const mayRead = canReadLegalHolds(role);
  const holds = useResource(
    () => (mayRead ? fetchLegalHolds(applicationId) : Promise.resolve(undefined)),
    [applicationId, mayRead],
  );
  const { withStepUp, stepUpDialog } = useStepUp();
  const [asking, setAsking] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (!mayRead) return null;

  const view = holds.data;
  const current = view && holdInForce(view);
  const release = releaseAccess({ hold: current, role, accountId });
  const mayPlace = canPlaceLegalHold(role) && view !== undefined && !view.isHeld;

  const roleName = (r: string) => t(`roles.${r}` as 'roles.loan_officer', { defaultValue: r });
  const who = (by: By) =>
    by.accountId === accountId ? t('legalHolds.you', { role: roleName(by.role) }) : roleName(by.role);
  const placedLine = (by: By, at: string) =>
    t('legalHolds.placedBy', { who: who(by), at: formatDateTime(at) });

  const open = (action: Action) => {
    setAsking(action);
    setReason('');
    setError(null);
  };
  const close = () => {
    setAsking(null);
    setReason('');
    setError(null);
  };

  const confirm = async () => {
    if (!asking) return;
    const text = cleanReason(reason);
    if (!text) {
      void message.error(t('legalHolds.reasonRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (asking === 'place') await withStepUp(() => placeLegalHold(applicationId, text));
      else await withStepUp(() => releaseLegalHold(applicationId, text));
      void message.success(t(asking === 'place' ? 'legalHolds.placed' : 'legalHolds.released'));
      close();
      holds.reload();
    } catch (e) {
      setError(e);
      // Someone else placed or released a hold meanwhile: show the fresh state behind the dialog.
      holds.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('legalHolds.title')}
      data-testid="legal-hold-card"
      data-held={view ? String(view.isHeld) : undefined}
      loading={holds.loading && !view && !holds.error}
      extra={
        view && (
          <Tag
            color={view.isHeld ? 'red' : 'default'}
            icon={view.isHeld ? <LockOutlined /> : undefined}
            data-testid="legal-hold-status"
          >
            {t(view.isHeld ? 'legalHolds.held' : 'legalHolds.notHeld')}
          </Tag>
        )
      }
    >
      <Flex vertical gap={12}>
        {!view && <LegalHoldErrorAlert error={holds.error} />}
        {view && current && (
          <Alert
            type="warning"
            showIcon
            icon={<LockOutlined />}
            title={t('legalHolds.held')}
            description={
              <Flex vertical gap={4}>
                <Typography.Text type="secondary">{t('legalHolds.heldExplain')}</Typography.Text>
                <Typography.Text data-testid="legal-hold-current-reason">
                  {t('legalHolds.reasonLine', { reason: current.reason })}
                </Typography.Text>
                <Typography.Text type="secondary" data-testid="legal-hold-current-placed">
                  {placedLine(current.placedBy, current.placedAt)}
                </Typography.Text>
              </Flex>
            }
            data-testid="legal-hold-current"
          />
        )}
        {view && !current && (
          <Typography.Text type="secondary">{t('legalHolds.notHeldExplain')}</Typography.Text>
        )}
        {view && (mayPlace || release !== 'none') && (
          <Flex gap={8} wrap align="center">
            {mayPlace && (
              <Button
                danger
                icon={<LockOutlined />}
                onClick={() => open('place')}
                data-testid="legal-hold-place"
              >
                {t('legalHolds.place')}
              </Button>
            )}
            {(release === 'allowed' || release === 'placedByYou') && (
              <Button
                icon={<UnlockOutlined />}
                disabled={release === 'placedByYou'}
                onClick={() => open('release')}
                data-testid="legal-hold-release"
              >
                {t('legalHolds.release')}
              </Button>
            )}
            {release === 'placedByYou' ? (
              <Typography.Text type="warning" data-testid="legal-hold-four-eyes">
                {t('legalHolds.fourEyesYou')}
              </Typography.Text>
            ) : (
              release !== 'none' && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('legalHolds.fourEyesRule')}
                </Typography.Text>
              )
            )}
          </Flex>
        )}
        {view && view.items.length > 0 && (
          <Table<LegalHoldView>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={view.items}
            loading={holds.loading}
            title={() => t('legalHolds.history')}
            data-testid="legal-hold-history"
            columns={[
              {
                title: t('legalHolds.columns.status'),
                key: 'status',
                render: (_, h) => (
                  <Tag color={h.released ? 'default' : 'red'} data-testid="legal-hold-item-status">
                    {t(h.released ? 'legalHolds.status.released' : 'legalHolds.status.inForce')}
                  </Tag>
                ),
              },
              {
                title: t('legalHolds.columns.placed'),
                key: 'placed',
                render: (_, h) => (
                  <Flex vertical gap={2}>
                    <Typography.Text>{h.reason}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {placedLine(h.placedBy, h.placedAt)}
                    </Typography.Text>
                  </Flex>
                ),
              },
              {
                title: t('legalHolds.columns.released'),
                key: 'released',
                render: (_, h) =>
                  h.released ? (
                    <Flex vertical gap={2} data-testid="legal-hold-item-released">
                      <Typography.Text>{h.released.reason}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('legalHolds.releasedBy', {
                          who: who(h.released.by),
                          at: formatDateTime(h.released.at),
                        })}
                      </Typography.Text>
                    </Flex>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        )}
      </Flex>
      <Modal
        open={asking !== null}
        title={asking && t(asking === 'place' ? 'legalHolds.placeTitle' : 'legalHolds.releaseTitle')}
        okText={t('legalHolds.confirm')}
        cancelText={t('legalHolds.cancel')}
        onOk={() => void confirm()}
        okButtonProps={
          { danger: asking === 'place', loading: busy, 'data-testid': 'legal-hold-confirm' } as ButtonProps
        }
        onCancel={close}
        destroyOnHidden
      >
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">
            {asking && t(asking === 'place' ? 'legalHolds.placeHint' : 'legalHolds.releaseHint')}
          </Typography.Text>
          <Input.TextArea
            rows={3}
            maxLength={reasonMaxLength}
            showCount
            placeholder={t('legalHolds.reasonPlaceholder')}
            aria-label={t('legalHolds.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="legal-hold-reason"
          />
          <LegalHoldErrorAlert error={error} />
        </Flex>
      </Modal>
      {stepUpDialog}
    </Card>
  );
}
