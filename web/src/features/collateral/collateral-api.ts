import type { ApplicationView } from '../../../../src/contracts/applications.schema';
import type {
  CashFlowProjectionBody,
  CollateralView,
  RecordValuationBody,
  RegisterCollateralBody,
} from '../../../../src/contracts/collateral.schema';
import { apiRequest } from '../../api/client';

const staffPath = (applicationId: string) => `/staff/applications/${applicationId}`;

/** The application's collateral as staff see it: items, valuation history, summary, blockers. */
export const fetchCollateral = (applicationId: string) =>
  apiRequest<CollateralView>('GET', `${staffPath(applicationId)}/collateral`);

export const registerCollateral = (applicationId: string, body: RegisterCollateralBody) =>
  apiRequest<CollateralView>('POST', `${staffPath(applicationId)}/collateral`, { json: body });

export const recordValuation = (applicationId: string, collateralId: string, body: RecordValuationBody) =>
  apiRequest<CollateralView>('POST', `${staffPath(applicationId)}/collateral/${collateralId}/valuations`, {
    json: body,
  });

export const setCashFlowProjection = (applicationId: string, body: CashFlowProjectionBody) =>
  apiRequest<CollateralView>('PUT', `${staffPath(applicationId)}/cash-flow-projection`, { json: body });

/** The application's uploaded documents (the valuation report is chosen among them). */
export const fetchApplicationDocuments = async (applicationId: string) =>
  (await apiRequest<ApplicationView>('GET', staffPath(applicationId))).documents;
