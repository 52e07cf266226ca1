import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  AuthenticationResponseJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import type {
  ChangePasswordBody,
  CloseAccountBody,
  PasswordChangedView,
  SessionView,
} from '../../../../src/contracts/accounts.schema';
import type {
  DeviceSessionList,
  PasskeyRegistrationView,
  PasskeyView,
  RecoveryCodesView,
  SecurityOverview,
  TotpEnrolmentView,
} from '../../../../src/contracts/security.schema';
import { apiRequest } from '../../api/client';

export const fetchSecurity = () => apiRequest<SecurityOverview>('GET', '/security');

export const proveTotp = (code: string) =>
  apiRequest<SessionView>('POST', '/security/step-up/totp', { json: { code } });
export const proveRecoveryCode = (code: string) =>
  apiRequest<SessionView>('POST', '/security/step-up/recovery-code', { json: { code } });
export const passkeyRequestOptions = () =>
  apiRequest<PublicKeyCredentialRequestOptionsJSON>('POST', '/security/step-up/passkey/options');
export const provePasskey = (credential: AuthenticationResponseJSON) =>
  apiRequest<SessionView>('POST', '/security/step-up/passkey/verify', { json: { credential } });

export const startTotpEnrolment = () => apiRequest<TotpEnrolmentView>('POST', '/security/totp/enrolment');
export const confirmTotp = (code: string) =>
  apiRequest<RecoveryCodesView>('POST', '/security/totp/confirm', { json: { code } });
export const disableTotp = () => apiRequest<{ ok: true }>('DELETE', '/security/totp');
export const regenerateRecoveryCodes = () =>
  apiRequest<RecoveryCodesView>('POST', '/security/recovery-codes');

export const passkeyCreationOptions = () =>
  apiRequest<PublicKeyCredentialCreationOptionsJSON>('POST', '/security/passkeys/registration/options');
export const registerPasskey = (credential: RegistrationResponseJSON, name: string | undefined) =>
  apiRequest<PasskeyRegistrationView>('POST', '/security/passkeys/registration/verify', {
    json: { credential, ...(name ? { name } : {}) },
  });
export const renamePasskey = (id: string, name: string) =>
  apiRequest<PasskeyView>('PUT', `/security/passkeys/${id}/name`, { json: { name } });
export const deletePasskey = (id: string) => apiRequest<{ ok: true }>('DELETE', `/security/passkeys/${id}`);

export const fetchSessions = () => apiRequest<DeviceSessionList>('GET', '/security/sessions');
export const revokeSession = (id: string) => apiRequest<{ ok: true }>('DELETE', `/security/sessions/${id}`);
export const revokeOtherSessions = () => apiRequest<{ revoked: number }>('DELETE', '/security/sessions');

export const changePassword = (body: ChangePasswordBody) =>
  apiRequest<PasswordChangedView>('POST', '/session/password', { json: body });

export const closeAccount = (body: CloseAccountBody) =>
  apiRequest<{ ok: true }>('POST', '/account/closure', { json: body });
