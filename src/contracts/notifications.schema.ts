import Type, { type Static } from 'typebox';
import { IsoDateTime, LocalisedText, Uuid } from './common.schema';

export const NotificationLocale = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);

export const NotificationView = Type.Object(
  {
    id: Uuid,
    applicationId: Type.Union([Uuid, Type.Null()]),
    kind: Type.String({ description: 'application.<stage> or staff.<what>' }),
    title: LocalisedText,
    body: LocalisedText,
    createdAt: IsoDateTime,
    readAt: Type.Union([IsoDateTime, Type.Null()]),
  },
  { additionalProperties: false },
);
export type NotificationView = Static<typeof NotificationView>;

export const NotificationList = Type.Object(
  {
    items: Type.Array(NotificationView, { description: 'Newest first (at most 100)' }),
    unread: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type NotificationList = Static<typeof NotificationList>;

export const ReadAllResult = Type.Object(
  { marked: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
export type ReadAllResult = Static<typeof ReadAllResult>;

/** An e-mail address (a practical subset of RFC 5321: no spaces, quotes or angle brackets). */
export const EmailAddress = Type.String({
  maxLength: 254,
  pattern:
    "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$",
  description: 'E-mail address, e.g. zhang.san@example.cn',
});

export const NotificationPreferencesView = Type.Object(
  {
    email: Type.Union([EmailAddress, Type.Null()], { description: 'null: no e-mail, in-app only' }),
    locale: NotificationLocale,
  },
  { additionalProperties: false },
);
export type NotificationPreferencesView = Static<typeof NotificationPreferencesView>;

export const MailOutboxView = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          kind: Type.String(),
          to: Type.String(),
          subject: Type.String(),
          text: Type.String(),
          status: Type.Union([Type.Literal('queued'), Type.Literal('sent'), Type.Literal('failed')]),
          attempts: Type.Integer({ minimum: 0 }),
          createdAt: IsoDateTime,
          sentAt: Type.Union([IsoDateTime, Type.Null()]),
          lastError: Type.Union([Type.String(), Type.Null()]),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type MailOutboxView = Static<typeof MailOutboxView>;
