import type {
  ApplicationPage,
  ApplicationView,
  QueueQuery,
} from '../../../../src/contracts/applications.schema';
import { apiRequest } from '../../api/client';

export const fetchQueue = (query: QueueQuery) =>
  apiRequest<ApplicationPage>('GET', '/staff/applications', { query: { ...query } });

export const fetchStaffApplication = (id: string) =>
  apiRequest<ApplicationView>('GET', `/staff/applications/${id}`);
