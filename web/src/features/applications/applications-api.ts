import type {
  ApplicationDetails,
  ApplicationPage,
  ApplicationView,
  CreateApplicationBody,
  DocumentView,
  ProductList,
} from '../../../../src/contracts/applications.schema';
import { apiRequest, apiUrl } from '../../api/client';

export type Product = ProductList['items'][number];
export type DocumentKind = DocumentView['kind'];
export type ApplicationKind = ApplicationView['kind'];

export const fetchProducts = () => apiRequest<ProductList>('GET', '/products');

export const fetchMyApplications = (page: number, pageSize: number) =>
  apiRequest<ApplicationPage>('GET', '/applications', { query: { page, pageSize } });

export const fetchApplication = (id: string) => apiRequest<ApplicationView>('GET', `/applications/${id}`);

export const createApplication = (body: CreateApplicationBody) =>
  apiRequest<ApplicationView>('POST', '/applications', { json: body });

export const updateApplication = (id: string, version: number, details: ApplicationDetails) =>
  apiRequest<ApplicationView>('PUT', `/applications/${id}`, { json: { version, details } });

/** With the version just saved, so a change made meanwhile elsewhere is not submitted unseen. */
export const submitApplication = (id: string, version: number) =>
  apiRequest<ApplicationView>('POST', `/applications/${id}/submit`, { json: { version } });

export const withdrawApplication = (id: string, reason: string | undefined) =>
  apiRequest<ApplicationView>('POST', `/applications/${id}/withdraw`, { json: reason ? { reason } : {} });

export const uploadDocument = (id: string, kind: DocumentKind, file: File) =>
  apiRequest<DocumentView>('POST', `/applications/${id}/documents`, {
    query: { kind, filename: file.name },
    file,
  });

/** A plain link: the browser downloads the file with the session cookie. */
export const documentUrl = (applicationId: string, documentId: string) =>
  apiUrl(`/applications/${applicationId}/documents/${documentId}`);
