import type { SmsOutboxView } from '../../contracts/identity.schema';
import { AppError } from '../../core/errors';
import type { IdentityDeps } from './identity-deps';

/** Administrators read the development SMS outbox (the codes testers would have received). */
export async function listSmsOutbox({
  deps,
  limit = 50,
}: {
  deps: Pick<IdentityDeps, 'smsOutbox' | 'settings'>;
  limit?: number;
}): Promise<SmsOutboxView> {
  if (!deps.settings.isDevelopment || !deps.smsOutbox) throw new AppError('DEVELOPMENT_ONLY');
  const items = await deps.smsOutbox.list({ limit });
  return {
    items: items.map((m) => ({
      id: m.id,
      mobileMasked: m.mobileMasked,
      text: m.text,
      purpose: m.purpose,
      sentAt: m.sentAt.toISOString(),
    })),
  };
}
