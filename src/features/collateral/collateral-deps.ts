import type { ApplicationKind, RepaymentMethod } from '../../core/application/application';
import type { ApplicationStatus } from '../../core/application/lifecycle';
import type { CollateralPolicy } from '../../core/collateral/collateral-policy';
import type { LoanTerms } from '../../core/collateral/collateral-summary';
import type { CanonicalValue } from '../../core/ledger/evidence/canonical-json';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';
import type { ScreeningPolicy } from '../../core/screening/policy';
import type { CollateralStore } from './collateral-store.port';

/** An application as collateral needs it (wired from the applications store by the composition root). */
export interface CollateralApplication {
  id: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  productCode: string;
  borrowerAccountId: string;
  amount: string | undefined;
  termMonths: number | undefined;
  repaymentMethod: RepaymentMethod | undefined;
}

/** What collateral needs of loan applications. */
export interface CollateralApplications {
  find(id: string): Promise<CollateralApplication | undefined>;
  /** A document uploaded to this application, or undefined (an id of another application included). */
  findDocument(input: {
    applicationId: string;
    documentId: string;
  }): Promise<{ id: string; sha256: string } | undefined>;
  /**
   * The loan as it stands, for the ratios: the approval case's current terms when a case exists, else
   * the application's amount, term and method at the latest risk assessment's recommended rate (the
   * product's reference rate before any assessment). Undefined when the application has no terms.
   */
  loanTerms(app: CollateralApplication): Promise<LoanTerms | undefined>;
}

/** Ledger leaves for collateral, queued by the collateral store in the same commit. */
export interface CollateralEvidence {
  prepare(input: {
    type: 'collateral';
    applicationId: string;
    actor: { accountId: string | null; role: string };
    capture?: Capture | undefined;
    record: CanonicalValue;
    at: Date;
  }): Promise<PreparedEvidence>;
  sequence(): void;
}

export interface CollateralDeps {
  store: CollateralStore;
  applications: CollateralApplications;
  evidence: CollateralEvidence;
  policy: CollateralPolicy;
  screeningPolicy: ScreeningPolicy;
  clock: () => Date;
  newId: () => string;
}

/** The calendar date in China (UTC+8) of an instant, YYYY-MM-DD: valuation ages are counted in local days. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
