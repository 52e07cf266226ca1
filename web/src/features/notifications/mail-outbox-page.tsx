/** The development e-mail outbox (administrators, development mode). (To be built.) */
export function MailOutboxPage() {
  return null;
}
