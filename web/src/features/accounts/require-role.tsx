import { Navigate, Outlet } from 'react-router-dom';
import type { Role } from '../../../../src/contracts/accounts.schema';
import { PageLoading } from '../../shared/page-loading';
import { homePath } from './roles';
import { useSession } from './session-context';

/** Guards a group of routes; the server enforces roles too, this only keeps people on their own pages. */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const { session } = useSession();
  if (session === undefined) return <PageLoading />;
  if (!session) return <Navigate to="/login" replace />;
  if (!roles.includes(session.account.role)) return <Navigate to={homePath(session.account.role)} replace />;
  return <Outlet />;
}
