import type { ApplicationKind } from './applications-api';

export type StepKey =
  | 'loan'
  | 'applicant'
  | 'employment'
  | 'company'
  | 'project'
  | 'financials'
  | 'stakeholders'
  | 'documents'
  | 'review';

export const stepsOfKind: Record<ApplicationKind, StepKey[]> = {
  individual: ['loan', 'applicant', 'employment', 'documents', 'review'],
  enterprise: ['loan', 'company', 'project', 'financials', 'stakeholders', 'documents', 'review'],
};
