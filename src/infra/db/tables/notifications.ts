/** Notifications: in-app inbox, e-mail outbox, the event cursor. (migration 0013-notifications). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the tables are added
export interface NotificationTables {}
