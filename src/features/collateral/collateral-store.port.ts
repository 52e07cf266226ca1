import type { CollateralType, ValuationMethod } from '../../core/collateral/collateral-policy';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';

/** A collateral item (押品) as registered. Description, location and owner are personal: stored encrypted. */
export interface CollateralItemRecord {
  id: string;
  applicationId: string;
  type: CollateralType;
  description: string;
  /** Address, registration or certificate number (不动产权证号 …), if given. */
  location: string | null;
  ownerName: string;
  registeredBy: string;
  registeredByRole: string;
  registeredAt: Date;
  leafHash: string;
}

/** One valuation (评估) of an item; never changed once recorded. */
export interface ValuationRecord {
  id: string;
  collateralId: string;
  /** 1, 2, … per item, in order of recording (given by the store). */
  seq: number;
  appraisedValue: string;
  /** YYYY-MM-DD. */
  valuationDate: string;
  method: ValuationMethod;
  /** The appraiser and/or firm (评估机构/评估师). */
  appraiser: string;
  /** The valuation report: ids of documents uploaded to the application. */
  documentIds: string[];
  recordedBy: string;
  recordedByRole: string;
  recordedAt: Date;
  leafHash: string;
}

export interface CollateralItemWithValuations extends CollateralItemRecord {
  /** In order of recording. */
  valuations: ValuationRecord[];
}

/** Project financing: the projected cash flow available for debt service, one amount per loan year. */
export interface CashFlowProjectionRecord {
  applicationId: string;
  /** Year 1 first. */
  amounts: string[];
  setBy: string;
  setAt: Date;
  leafHash: string;
}

/** Collateral in the database; each write queues its ledger evidence in the same transaction. */
export interface CollateralStore {
  /** The application's items with their valuations, in order of registration. */
  itemsOf(applicationId: string): Promise<CollateralItemWithValuations[]>;
  findItem(input: {
    applicationId: string;
    collateralId: string;
  }): Promise<CollateralItemWithValuations | undefined>;
  addItem(input: { item: CollateralItemRecord; evidence: PreparedEvidence }): Promise<void>;
  /** Appends a valuation, numbering it after the item's last one (retried on a concurrent append). */
  addValuation(input: {
    valuation: Omit<ValuationRecord, 'seq'>;
    evidence: PreparedEvidence;
  }): Promise<ValuationRecord>;
  projectionOf(applicationId: string): Promise<CashFlowProjectionRecord | undefined>;
  /** Replaces the application's projection. */
  setProjection(input: { projection: CashFlowProjectionRecord; evidence: PreparedEvidence }): Promise<void>;
}
