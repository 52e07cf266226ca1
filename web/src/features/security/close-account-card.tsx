import { Alert, Button, Card, Flex, Form, Input, Modal, Typography } from 'antd';
import { startTransition, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useSession } from '../accounts/session-context';
import * as api from './security-api';
import { SecurityErrorAlert } from './security-error-alert';

interface CloseAccountForm {
  password: string;
  confirmText: string;
}

/** What the server names as still going on when it refuses a closure (409 ACCOUNT_HAS_OPEN_MATTERS). */
interface OpenMatters {
  applications: string[];
  guarantees: string[];
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/** The open matters of a 409 ACCOUNT_HAS_OPEN_MATTERS, or null for any other error. */
function openMattersOf(error: unknown): OpenMatters | null {
  if (!(error instanceof ApiError) || error.code !== 'ACCOUNT_HAS_OPEN_MATTERS') return null;
  const details = (error.details ?? {}) as Record<string, unknown>;
  return {
    applications: isStringArray(details.applications) ? details.applications : [],
    guarantees: isStringArray(details.guarantees) ? details.guarantees : [],
  };
}

/** State the login page reads to say the account was closed. */
export interface AccountClosedState {
  accountClosed: true;
}

/**
 * Closing the account (注销账户), borrowers only: the password confirms it is the owner and a typed word
 * confirms the intent. The server erases the account's personal data and ends every session (this one
 * too), so afterwards the user is logged out here as after a password change and lands on the login
 * page with a notice. While an application, loan or guarantee is still going on the server refuses and
 * names them.
 */
export function CloseAccountCard() {
  const { t } = useTranslation();
  const { adopt } = useSession();
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [openMatters, setOpenMatters] = useState<OpenMatters | null>(null);
  const [busy, setBusy] = useState(false);
  const word = t('security.closeAccount.confirmWord');

  function start() {
    setError(null);
    setAsking(true);
  }

  async function submit(values: CloseAccountForm) {
    setError(null);
    setOpenMatters(null);
    setBusy(true);
    try {
      await api.closeAccount({ password: values.password });
      // The server ended every session and cleared the cookie; here it ends too, and the login page says
      // why. Not `logout()`: its request would answer 401, whose handler ends the session here outside
      // the route change, so the route guard would redirect to the login page first and lose the notice.
      // Ending the session and changing the route in one transition renders the login page once.
      const state: AccountClosedState = { accountClosed: true };
      startTransition(() => {
        adopt(null);
        void navigate('/login', { replace: true, state });
      });
    } catch (e) {
      const matters = openMattersOf(e);
      if (matters) {
        // The password was right: what is still going on is shown on the card, the dialog closes.
        setOpenMatters(matters);
        setAsking(false);
      } else setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('security.closeAccount.title')} data-testid="close-account-card">
      <Typography.Paragraph>{t('security.closeAccount.intro')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        <Typography.Text strong>{t('security.closeAccount.erasedTitle')}</Typography.Text>{' '}
        {t('security.closeAccount.erased')}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        <Typography.Text strong>{t('security.closeAccount.keptTitle')}</Typography.Text>{' '}
        {t('security.closeAccount.kept')}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('security.closeAccount.loans')}</Typography.Paragraph>
      <Typography.Paragraph type="danger" strong>
        {t('security.closeAccount.irreversible')}
      </Typography.Paragraph>
      {openMatters && <OpenMattersAlert matters={openMatters} />}
      <Button danger onClick={start} data-testid="close-account-start">
        {t('security.closeAccount.start')}
      </Button>
      <Modal
        open={asking}
        title={t('security.closeAccount.dialogTitle')}
        footer={null}
        onCancel={() => setAsking(false)}
        destroyOnHidden
      >
        <Form<CloseAccountForm>
          layout="vertical"
          onFinish={(v) => void submit(v)}
          data-testid="close-account-dialog"
        >
          <Typography.Paragraph type="secondary">
            {t('security.closeAccount.dialogHint')}
          </Typography.Paragraph>
          <Form.Item
            name="password"
            label={t('security.closeAccount.password')}
            rules={[{ required: true, message: t('security.password.required') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="close-account-password" />
          </Form.Item>
          <Form.Item
            name="confirmText"
            label={t('security.closeAccount.confirmLabel', { word })}
            rules={[
              {
                validator: (_, value: unknown) =>
                  typeof value === 'string' && value.trim().toLowerCase() === word.toLowerCase()
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('security.closeAccount.confirmMismatch', { word }))),
              },
            ]}
          >
            <Input autoComplete="off" placeholder={word} data-testid="close-account-confirm-text" />
          </Form.Item>
          <Flex vertical gap={12}>
            <SecurityErrorAlert error={error} />
            <Flex gap={8} justify="flex-end" wrap>
              <Button onClick={() => setAsking(false)} disabled={busy}>
                {t('security.closeAccount.cancel')}
              </Button>
              <Button
                type="primary"
                danger
                htmlType="submit"
                loading={busy}
                data-testid="close-account-submit"
              >
                {t('security.closeAccount.submit')}
              </Button>
            </Flex>
          </Flex>
        </Form>
      </Modal>
    </Card>
  );
}

/** The applications, loans and guarantees that keep the account open, with where to deal with them. */
function OpenMattersAlert({ matters }: { matters: OpenMatters }) {
  const { t } = useTranslation();
  const references = (refs: string[], testId: string) => (
    <Flex gap={6} wrap style={{ margin: '4px 0' }}>
      {refs.map((ref) => (
        <Typography.Text code key={ref} data-testid={testId}>
          {ref}
        </Typography.Text>
      ))}
    </Flex>
  );
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('security.closeAccount.openMattersTitle')}
      data-testid="close-account-open-matters"
      description={
        <Flex vertical gap={8}>
          {matters.applications.length > 0 && (
            <div>
              <Typography.Text strong>{t('security.closeAccount.openApplications')}</Typography.Text>
              {references(matters.applications, 'close-account-open-application')}
              <Link to="/applications">{t('security.closeAccount.goApplications')}</Link>
            </div>
          )}
          {matters.guarantees.length > 0 && (
            <div>
              <Typography.Text strong>{t('security.closeAccount.openGuarantees')}</Typography.Text>
              {references(matters.guarantees, 'close-account-open-guarantee')}
              <Link to="/guarantees">{t('security.closeAccount.goGuarantees')}</Link>
            </div>
          )}
          <Typography.Text type="secondary">{t('security.closeAccount.openMattersHint')}</Typography.Text>
        </Flex>
      }
    />
  );
}
