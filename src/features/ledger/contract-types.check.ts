/**
 * Compile-time check that the ledger's API shapes (contracts) and the domain's (core) agree; `tsc` in
 * `npm test` fails when the list of evidence types changes in one place only.
 */
import type { EvidenceType as ApiEvidenceType } from '../../contracts/ledger.schema';
import type { EvidenceType as CoreEvidenceType } from '../../core/ledger/evidence/evidence-leaf';

type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const ledgerContractTypesAgree: [MutuallyAssignable<ApiEvidenceType, CoreEvidenceType>] = [true];
