import type { AccountView } from '../../../../src/contracts/accounts.schema';
import { apiRequest } from '../../api/client';

export const fetchAccounts = () => apiRequest<{ items: AccountView[] }>('GET', '/admin/accounts');
