import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, OkBody, errorResponses } from '../../contracts/common.schema';
import {
  MailOutboxView,
  NotificationList,
  NotificationPreferencesView,
  ReadAllResult,
} from '../../contracts/notifications.schema';
import { actorOf } from '../accounts/request-context';
import {
  listMailOutbox,
  listMyNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  readPreferences,
  savePreferences,
} from './notification-inbox';
import type { NotificationsDeps } from './notifications-deps';

/** In-app notifications of the caller, their e-mail preference, and the development mail outbox. */
export const notificationsRoutes: FastifyPluginAsync<{ deps: NotificationsDeps }> = async (
  plain,
  { deps },
) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notifications'];

  app.get(
    '/api/notifications',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'My notifications, newest first, with the unread count',
        response: { 200: NotificationList, ...errorResponses(401) },
      },
    },
    async (request) => listMyNotifications({ deps, actor: actorOf(request) }),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Mark one of my notifications read',
        params: IdParams,
        response: { 200: OkBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await markNotificationRead({ deps, actor: actorOf(request), id: request.params.id });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/notifications/read-all',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Mark all my notifications read',
        response: { 200: ReadAllResult, ...errorResponses(401, 403) },
      },
    },
    async (request) => markAllNotificationsRead({ deps, actor: actorOf(request) }),
  );

  app.get(
    '/api/notifications/preferences',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'My notification preferences (e-mail address, locale)',
        response: { 200: NotificationPreferencesView, ...errorResponses(401) },
      },
    },
    async (request) => readPreferences({ deps, actor: actorOf(request) }),
  );

  app.put(
    '/api/notifications/preferences',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Set my e-mail address for notifications (null: in-app only) and locale',
        body: NotificationPreferencesView,
        response: { 200: NotificationPreferencesView, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => savePreferences({ deps, actor: actorOf(request), input: request.body }),
  );

  app.get(
    '/api/admin/mail-outbox',
    {
      config: { access: ['admin'] },
      schema: {
        tags,
        summary: 'Development: the e-mail outbox',
        response: { 200: MailOutboxView, ...errorResponses(401, 403) },
      },
    },
    async () => listMailOutbox({ deps }),
  );
};
