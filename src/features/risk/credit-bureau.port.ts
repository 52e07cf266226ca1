import type { LocalisedLabel } from '../../core/risk/scorecard-model';

/**
 * The credit bureau (征信): the PBoC Credit Reference Center's personal credit report as a member bank
 * queries it, or a stand-in. docs/credit-bureau.md writes down the real interface (member institution
 * code, query reason, the borrower's written authorisation, the report's sections) and how its fields
 * map to the model's inputs; the local-file adapter (infra/risk) answers the same way from a JSON file
 * for demos and tests.
 *
 * A query needs the borrower's unwithdrawn credit-inquiry consent (征信查询授权); the caller passes its
 * id, which the real interface sends as the authorisation record.
 */
export interface CreditBureauQuery {
  readonly name: string;
  /** Canonical form (upper-case X). */
  readonly idNumber: string;
  /** Query reason (查询原因): '02' loan approval (贷款审批) is the only one this platform uses. */
  readonly purpose: 'loan_approval';
  /** The consent (authorisation) the query rests on. */
  readonly consentId: string;
  /** Our reference for the query, e.g. the application id (sent as the member's business number). */
  readonly reference: string;
}

export interface CreditRecord {
  /**
   * The report condensed to the model's inputs, by name (for the retail scorecard the Taiwan
   * data's columns: LIMIT_BAL, EDUCATION, PAY_0 …); never protected attributes.
   */
  readonly features: Readonly<Record<string, number | string | null>>;
  /** A few facts for the officer, as the report states them. */
  readonly facts: readonly { label: LocalisedLabel; value: string }[];
}

export interface CreditBureauAnswer {
  /** Who answered, e.g. 'local-file' or 'pboc-crc'. */
  readonly provider: string;
  /** The bureau's report number (报告编号), or its query serial number when there is no record. */
  readonly reportId: string;
  readonly requestedAt: Date;
  readonly retrievedAt: Date;
  /** The person's record, or null when the bureau holds none (无信贷记录). */
  readonly record: CreditRecord | null;
  /** The response exactly as received, for its SHA-256; never stored. */
  readonly rawResponse: Uint8Array;
}

export interface CreditBureau {
  readonly provider: string;
  /** Throws CREDIT_BUREAU_UNAVAILABLE (AppError) when the bureau does not answer. */
  query(query: CreditBureauQuery): Promise<CreditBureauAnswer>;
}
