import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type {} from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  AccountList,
  AccountView,
  ChangePasswordBody,
  CloseAccountBody,
  CreateStaffAccountBody,
  LoginBody,
  PasswordChangedView,
  RegisterBody,
  SessionView,
} from '../../contracts/accounts.schema';
import { IdParams, OkBody, errorResponses } from '../../contracts/common.schema';
import type { AccountsDeps } from './accounts-deps';
import { viewAccount, viewSession } from './account-view';
import { changePassword } from './change-password';
import { closeAccount } from './close-account';
import { createStaffAccount } from './create-staff-account';
import { logIn } from './log-in';
import { logOut } from './log-out';
import type { OpenedSession } from './open-session';
import { registerAccount } from './register-account';
import { clientIpOf } from './request-context';
import { sessionExpiry } from './resolve-session';
import { setAccountDisabled } from './set-account-disabled';

export interface SessionCookie {
  name: string;
  isSecure: boolean;
}

/** Registration, login, logout, the current session, and staff account administration. */
export const accountsRoutes: FastifyPluginAsync<{ deps: AccountsDeps; cookie: SessionCookie }> = async (
  plain,
  { deps, cookie },
) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['accounts'];

  const setCookie = (reply: FastifyReply, opened: OpenedSession) =>
    reply.setCookie(cookie.name, opened.token, {
      path: '/',
      httpOnly: true,
      secure: cookie.isSecure,
      sameSite: 'strict',
      expires: new Date(opened.expiresAt.getTime() + deps.settings.sessionAbsoluteHours * 3_600_000),
    });
  /** Logout, a password change and closing the account end the session: the browser drops the cookie. */
  const clearSessionCookie = (reply: FastifyReply) =>
    reply.clearCookie(cookie.name, {
      path: '/',
      httpOnly: true,
      secure: cookie.isSecure,
      sameSite: 'strict',
    });

  app.post(
    '/api/accounts/register',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Register a borrower and log in',
        body: RegisterBody,
        response: { 201: SessionView, ...errorResponses(400, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const opened = await registerAccount({
        deps,
        input: request.body,
        clientIp: clientIpOf(request),
        userAgent: request.headers['user-agent'] ?? null,
      });
      setCookie(reply, opened);
      return reply.code(201).send(viewSession(opened));
    },
  );

  app.post(
    '/api/session',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Log in (pending until the second factor when the account has one: see secondFactorRequired)',
        body: LoginBody,
        response: { 200: SessionView, ...errorResponses(400, 401, 403, 423, 429) },
      },
    },
    async (request, reply) => {
      const opened = await logIn({
        deps,
        mobile: request.body.mobile,
        password: request.body.password,
        clientIp: clientIpOf(request),
        userAgent: request.headers['user-agent'] ?? null,
      });
      setCookie(reply, opened);
      return {
        ...viewSession(opened),
        secondFactorRequired: opened.isPendingSecondFactor,
        ...(opened.isPendingSecondFactor ? { secondFactorMethods: opened.secondFactorMethods } : {}),
      };
    },
  );

  app.get(
    '/api/session',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The current session',
        response: { 200: SessionView, ...errorResponses(401) },
      },
    },
    async (request) => {
      const { session, account } = request.auth!;
      return viewSession({ account, csrfToken: session.csrfToken, expiresAt: sessionExpiry(session) });
    },
  );

  app.delete(
    '/api/session',
    {
      config: { access: 'authenticated', allowsPendingSession: true },
      schema: { tags, summary: 'Log out', response: { 200: OkBody, ...errorResponses(401, 403) } },
    },
    async (request, reply) => {
      await logOut({ deps, token: request.cookies[cookie.name]! });
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/session/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Change my password (every session ends, this one too: log in again)',
        body: ChangePasswordBody,
        response: { 200: PasswordChangedView, ...errorResponses(400, 401, 403, 422, 423) },
      },
    },
    async (request, reply) => {
      const { sessionsEnded } = await changePassword({
        deps,
        accountId: request.auth!.account.id,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
      });
      clearSessionCookie(reply);
      return { ok: true as const, sessionsEnded };
    },
  );

  app.post(
    '/api/account/closure',
    {
      config: { access: ['borrower_individual', 'borrower_enterprise'] },
      schema: {
        tags,
        summary:
          'Close my account (注销): my personal data is erased and every session ends; refused while an application, loan or guarantee is going on',
        body: CloseAccountBody,
        response: { 200: OkBody, ...errorResponses(400, 401, 403, 409, 422, 423) },
      },
    },
    async (request, reply) => {
      await closeAccount({ deps, accountId: request.auth!.account.id, password: request.body.password });
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/admin/accounts',
    {
      config: { access: ['admin'] },
      schema: { tags, summary: 'All accounts', response: { 200: AccountList, ...errorResponses(401, 403) } },
    },
    async () => ({ items: (await deps.accounts.list()).map(viewAccount) }),
  );

  app.post(
    '/api/admin/accounts',
    {
      config: { access: ['admin'] },
      schema: {
        tags,
        summary: 'Create a staff account',
        body: CreateStaffAccountBody,
        response: { 201: AccountView, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(viewAccount(await createStaffAccount({ deps, input: request.body }))),
  );

  app.put(
    '/api/admin/accounts/:id/disabled',
    {
      config: { access: ['admin'] },
      schema: {
        tags,
        summary: 'Disable or re-enable an account (disabling ends its sessions)',
        params: IdParams,
        body: Type.Object({ isDisabled: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: AccountView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      viewAccount(
        await setAccountDisabled({ deps, accountId: request.params.id, isDisabled: request.body.isDisabled }),
      ),
  );
};
