import { Navigate } from 'react-router-dom';
import { PageLoading } from '../../shared/page-loading';
import { homePath } from './roles';
import { useSession } from './session-context';

export function HomeRedirect() {
  const { session } = useSession();
  if (session === undefined) return <PageLoading />;
  return <Navigate to={session ? homePath(session.account.role) : '/login'} replace />;
}
