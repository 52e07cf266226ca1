import type { OperationsDashboard } from '../../../../src/contracts/operations.schema';
import { apiRequest } from '../../api/client';

export const fetchOperationsDashboard = (days: number) =>
  apiRequest<OperationsDashboard>('GET', '/staff/operations/dashboard', { query: { days } });
