import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { SessionView } from '../../contracts/accounts.schema';
import { IdParams, OkBody, errorResponses } from '../../contracts/common.schema';
import {
  DeviceSessionList,
  PasskeyAssertionBody,
  PasskeyList,
  PasskeyRegistrationBody,
  PasskeyRegistrationView,
  PasskeyView,
  RecoveryCodeBody,
  RecoveryCodesView,
  RenamePasskeyBody,
  RevokedCount,
  SecurityOverview,
  SessionIdParams,
  TotpCodeBody,
  TotpEnrolmentView,
  WebAuthnOptions,
} from '../../contracts/security.schema';
import { AppError } from '../../core/errors';
import { viewSession } from '../accounts/account-view';
import type { OpenedSession } from '../accounts/open-session';
import { sessionExpiry } from '../accounts/resolve-session';
import { confirmTotpEnrolment } from './confirm-totp-enrolment';
import { deletePasskey } from './delete-passkey';
import { describeSecurity } from './describe-security';
import { disableTotp } from './disable-totp';
import { finishPasskeyRegistration } from './finish-passkey-registration';
import { listMySessions } from './list-my-sessions';
import { listPasskeys } from './list-passkeys';
import { viewPasskey } from './passkey-view';
import { provePasskey } from './prove-passkey';
import { proveRecoveryCode } from './prove-recovery-code';
import { proveTotp } from './prove-totp';
import { regenerateRecoveryCodes } from './regenerate-recovery-codes';
import { renamePasskey } from './rename-passkey';
import { revokeOtherSessions } from './revoke-other-sessions';
import { revokeSession } from './revoke-session';
import type { SecurityDeps } from './security-deps';
import { startPasskeyAuthentication } from './start-passkey-authentication';
import { startPasskeyRegistration } from './start-passkey-registration';
import { startTotpEnrolment } from './start-totp-enrolment';

/**
 * Second factors and step-up: proving a second factor (which completes a pending login or refreshes
 * the step-up), TOTP enrolment, recovery codes, passkeys, and the caller's sessions and devices. Every
 * route works on the caller's own account only.
 */
export const securityRoutes: FastifyPluginAsync<{
  deps: SecurityDeps;
  cookie: { name: string; isSecure: boolean };
}> = async (plain, { deps, cookie }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['security'];

  const authOf = (request: FastifyRequest) => {
    if (!request.auth) throw new AppError('UNAUTHENTICATED');
    return request.auth;
  };
  const userAgentOf = (request: FastifyRequest) => request.headers['user-agent'] ?? null;

  /** After a proof: the new full session's cookie when a pending login completed, and the session view. */
  const answerProof = (request: FastifyRequest, reply: FastifyReply, opened: OpenedSession | undefined) => {
    if (opened) {
      void reply.setCookie(cookie.name, opened.token, {
        path: '/',
        httpOnly: true,
        secure: cookie.isSecure,
        sameSite: 'strict',
        expires: new Date(opened.expiresAt.getTime() + deps.settings.sessionAbsoluteHours * 3_600_000),
      });
      return { ...viewSession(opened), secondFactorRequired: false };
    }
    const { session, account } = authOf(request);
    return {
      ...viewSession({ account, csrfToken: session.csrfToken, expiresAt: sessionExpiry(session) }),
      secondFactorRequired: false,
    };
  };

  const proof = { access: 'authenticated', allowsPendingSession: true } as const;
  const proofErrors = errorResponses(400, 401, 403, 409, 422, 423, 429);

  app.post(
    '/api/security/step-up/totp',
    {
      config: proof,
      schema: {
        tags,
        summary:
          'Prove the second factor with the authenticator app (completes a pending login, or steps up)',
        body: TotpCodeBody,
        response: { 200: SessionView, ...proofErrors },
      },
    },
    async (request, reply) => {
      const { opened } = await proveTotp({
        deps,
        auth: authOf(request),
        code: request.body.code,
        userAgent: userAgentOf(request),
      });
      return answerProof(request, reply, opened);
    },
  );

  app.post(
    '/api/security/step-up/recovery-code',
    {
      config: proof,
      schema: {
        tags,
        summary: 'Prove the second factor with a recovery code (each works once)',
        body: RecoveryCodeBody,
        response: { 200: SessionView, ...proofErrors },
      },
    },
    async (request, reply) => {
      const { opened } = await proveRecoveryCode({
        deps,
        auth: authOf(request),
        code: request.body.code,
        userAgent: userAgentOf(request),
      });
      return answerProof(request, reply, opened);
    },
  );

  app.post(
    '/api/security/step-up/passkey/options',
    {
      config: proof,
      schema: {
        tags,
        summary: 'WebAuthn request options to prove the second factor with a passkey',
        response: { 200: WebAuthnOptions, ...proofErrors },
      },
    },
    async (request) => startPasskeyAuthentication({ deps, auth: authOf(request) }),
  );

  app.post(
    '/api/security/step-up/passkey/verify',
    {
      config: proof,
      schema: {
        tags,
        summary: 'Prove the second factor with the passkey’s assertion',
        body: PasskeyAssertionBody,
        response: { 200: SessionView, ...proofErrors },
      },
    },
    async (request, reply) => {
      const { opened } = await provePasskey({
        deps,
        auth: authOf(request),
        credential: request.body.credential as unknown as AuthenticationResponseJSON,
        userAgent: userAgentOf(request),
      });
      return answerProof(request, reply, opened);
    },
  );

  app.get(
    '/api/security',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'My security settings: authenticator app, recovery codes, passkeys, step-up',
        response: { 200: SecurityOverview, ...errorResponses(401) },
      },
    },
    async (request) => describeSecurity({ deps, auth: authOf(request) }),
  );

  app.post(
    '/api/security/totp/enrolment',
    {
      // Adding a factor beside an existing one needs that one; the first needs only the login.
      config: { access: 'authenticated', stepUp: 'if-enrolled' },
      schema: {
        tags,
        summary: 'Start setting up an authenticator app: secret, otpauth URI and QR code',
        response: { 200: TotpEnrolmentView, ...errorResponses(401, 403, 409) },
      },
    },
    async (request) => startTotpEnrolment({ deps, account: authOf(request).account }),
  );

  app.post(
    '/api/security/totp/confirm',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Confirm the authenticator app with a code: turns TOTP on and returns recovery codes (once)',
        body: TotpCodeBody,
        response: { 200: RecoveryCodesView, ...errorResponses(400, 401, 403, 409, 422, 423, 429) },
      },
    },
    async (request) => confirmTotpEnrolment({ deps, auth: authOf(request), code: request.body.code }),
  );

  app.delete(
    '/api/security/totp',
    {
      config: { access: 'authenticated', stepUp: true },
      schema: {
        tags,
        summary: 'Turn the authenticator app off (needs a step-up)',
        response: { 200: OkBody, ...errorResponses(401, 403, 409) },
      },
    },
    async (request) => {
      await disableTotp({ deps, accountId: authOf(request).account.id });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/security/recovery-codes',
    {
      config: { access: 'authenticated', stepUp: true },
      schema: {
        tags,
        summary: 'Replace the recovery codes with a new set, shown once (needs a step-up)',
        response: { 200: RecoveryCodesView, ...errorResponses(401, 403) },
      },
    },
    async (request) => regenerateRecoveryCodes({ deps, accountId: authOf(request).account.id }),
  );

  app.post(
    '/api/security/passkeys/registration/options',
    {
      config: { access: 'authenticated', stepUp: 'if-enrolled' },
      schema: {
        tags,
        summary: 'WebAuthn creation options to add a passkey (user verification required)',
        response: { 200: WebAuthnOptions, ...errorResponses(401, 403) },
      },
    },
    async (request) => startPasskeyRegistration({ deps, auth: authOf(request) }),
  );

  app.post(
    '/api/security/passkeys/registration/verify',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Verify the authenticator’s answer and store the passkey',
        body: PasskeyRegistrationBody,
        response: { 201: PasskeyRegistrationView, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const { passkey, recoveryCodes } = await finishPasskeyRegistration({
        deps,
        auth: authOf(request),
        credential: request.body.credential as unknown as RegistrationResponseJSON,
        name: request.body.name,
      });
      return reply
        .code(201)
        .send({ passkey: viewPasskey(passkey), ...(recoveryCodes ? { recoveryCodes } : {}) });
    },
  );

  app.get(
    '/api/security/passkeys',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'My passkeys', response: { 200: PasskeyList, ...errorResponses(401) } },
    },
    async (request) => ({
      items: (await listPasskeys({ deps, accountId: authOf(request).account.id })).map(viewPasskey),
    }),
  );

  app.put(
    '/api/security/passkeys/:id/name',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Rename one of my passkeys',
        params: IdParams,
        body: RenamePasskeyBody,
        response: { 200: PasskeyView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      viewPasskey(
        await renamePasskey({
          deps,
          accountId: authOf(request).account.id,
          passkeyId: request.params.id,
          name: request.body.name,
        }),
      ),
  );

  app.delete(
    '/api/security/passkeys/:id',
    {
      config: { access: 'authenticated', stepUp: true },
      schema: {
        tags,
        summary: 'Delete one of my passkeys (needs a step-up)',
        params: IdParams,
        response: { 200: OkBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await deletePasskey({ deps, accountId: authOf(request).account.id, passkeyId: request.params.id });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/security/sessions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'My sessions and devices',
        response: { 200: DeviceSessionList, ...errorResponses(401) },
      },
    },
    async (request) => ({ items: await listMySessions({ deps, current: authOf(request).session }) }),
  );

  app.delete(
    '/api/security/sessions/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'End one of my sessions',
        params: SessionIdParams,
        response: { 200: OkBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await revokeSession({ deps, current: authOf(request).session, sessionId: request.params.id });
      return { ok: true as const };
    },
  );

  app.delete(
    '/api/security/sessions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'End all my other sessions',
        response: { 200: RevokedCount, ...errorResponses(401, 403) },
      },
    },
    async (request) => ({ revoked: await revokeOtherSessions({ deps, current: authOf(request).session }) }),
  );
};
