import type { LoginBody, RegisterBody, SessionView } from '../../../../src/contracts/accounts.schema';
import { apiRequest } from '../../api/client';

export const fetchSession = () => apiRequest<SessionView>('GET', '/session');
export const login = (body: LoginBody) => apiRequest<SessionView>('POST', '/session', { json: body });
export const register = (body: RegisterBody) =>
  apiRequest<SessionView>('POST', '/accounts/register', { json: body });
export const logout = () => apiRequest<{ ok: true }>('DELETE', '/session');
