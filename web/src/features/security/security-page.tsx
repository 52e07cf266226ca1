import { Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { borrowerRoles, type Role } from '../../../../src/contracts/accounts.schema';
import { useResource } from '../../api/use-resource';
import { PageTitle } from '../../shared/page-title';
import { useSession } from '../accounts/session-context';
import { CloseAccountCard } from './close-account-card';
import { PasskeysCard } from './passkeys-card';
import { PasswordCard } from './password-card';
import { RecoveryCodesCard } from './recovery-codes-card';
import * as api from './security-api';
import { SecurityErrorAlert } from './security-error-alert';
import { SessionsCard } from './sessions-card';
import { TotpCard } from './totp-card';
import { useStepUp } from './use-step-up';

/**
 * Security settings for every role: authenticator app, recovery codes, passkeys, sessions and devices,
 * password; borrowers may also close their account here (staff accounts are disabled by an administrator).
 */
export function SecurityPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const isBorrower = session ? (borrowerRoles as readonly Role[]).includes(session.account.role) : false;
  const overview = useResource(() => api.fetchSecurity(), []);
  const { withStepUp, stepUpDialog } = useStepUp();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  return (
    <div className="page-narrow" data-testid="security-page">
      <PageTitle title={t('security.title')} />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <SecurityErrorAlert error={overview.error} />
        {recoveryCodes && <RecoveryCodesCard codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />}
        {overview.data && (
          <>
            <TotpCard
              overview={overview.data}
              withStepUp={withStepUp}
              onChanged={overview.reload}
              onRecoveryCodes={setRecoveryCodes}
            />
            <PasskeysCard
              overview={overview.data}
              withStepUp={withStepUp}
              onChanged={overview.reload}
              onRecoveryCodes={setRecoveryCodes}
            />
          </>
        )}
        <SessionsCard />
        <PasswordCard />
        {isBorrower && <CloseAccountCard />}
      </Space>
      {stepUpDialog}
    </div>
  );
}
