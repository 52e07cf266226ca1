import type { PasskeyView } from '../../contracts/security.schema';
import type { PasskeyRecord } from './second-factor-store.port';

export function viewPasskey(p: PasskeyRecord): PasskeyView {
  return {
    id: p.id,
    name: p.name,
    createdAt: p.createdAt.toISOString(),
    lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
    isBackedUp: p.isBackedUp,
  };
}
