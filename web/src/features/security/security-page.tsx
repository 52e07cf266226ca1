import { Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/use-resource';
import { PageTitle } from '../../shared/page-title';
import { PasskeysCard } from './passkeys-card';
import { PasswordCard } from './password-card';
import { RecoveryCodesCard } from './recovery-codes-card';
import * as api from './security-api';
import { SecurityErrorAlert } from './security-error-alert';
import { SessionsCard } from './sessions-card';
import { TotpCard } from './totp-card';
import { useStepUp } from './use-step-up';

/** Security settings for every role: authenticator app, recovery codes, passkeys, sessions and devices, password. */
export function SecurityPage() {
  const { t } = useTranslation();
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
      </Space>
      {stepUpDialog}
    </div>
  );
}
