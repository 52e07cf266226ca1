import { Navigate, Outlet } from 'react-router-dom';
import { PageLoading } from '../../shared/page-loading';
import { homePath } from './roles';
import { useSession } from './session-context';

/** Login and registration: someone already logged in goes to their start page instead. */
export function PublicOnly() {
  const { session } = useSession();
  if (session === undefined) return <PageLoading />;
  if (session) return <Navigate to={homePath(session.account.role)} replace />;
  return <Outlet />;
}
