import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ApprovalOutcome } from '../../core/approval/approval-progress';
import type { ApprovalKind, ApprovalStep, ApprovalStepKind } from '../../core/approval/authority-matrix';
import type { LoanOffer, OfferDisclosure } from '../../core/approval/loan-offer';
import type { RepaymentMethod } from '../../core/application/application';
import type {
  ApprovalCaseRecord,
  ApprovalCaseStatus,
  ApprovalDecisionRecord,
  ApprovalReasonCode,
  ApprovalSnapshot,
  ApprovalStore,
} from '../../features/approvals/approval-store.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import type { ApprovalCasesTable, ApprovalDecisionsTable, Database } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { queueEvidence } from '../ledger/queue-evidence';
import { createHash } from 'node:crypto';

/** numeric(15,2) comes back as a string; keep two places whatever the driver gave. */
const yuan = (v: string) => (v.includes('.') ? v : `${v}.00`);

const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/**
 * Approval cases and decisions in PostgreSQL/PGlite. Terms, grades, steps and hashes are not personal
 * and stay in clear; a decision's written reason is envelope-encrypted. Evidence goes to the ledger's
 * outbox in the same transaction as the write it attests; a case write takes the version read.
 */
export function createDbApprovalStore({
  db,
  cipher,
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
}): ApprovalStore {
  const toCase = (r: Selectable<ApprovalCasesTable>): ApprovalCaseRecord => {
    const repaymentMethod = r.repayment_method as RepaymentMethod;
    return {
      id: r.id,
      applicationId: r.application_id,
      status: r.status as ApprovalCaseStatus,
      version: r.version,
      matrixVersion: r.matrix_version,
      bandId: r.band_id,
      kind: r.kind as ApprovalKind,
      steps: parseJson<ApprovalStep[]>(r.steps),
      snapshot: parseJson<ApprovalSnapshot>(r.snapshot),
      requestedTerms: {
        amount: yuan(r.requested_amount),
        nominalAnnualRate: r.requested_rate,
        termMonths: r.requested_term_months,
        repaymentMethod,
      },
      currentTerms: {
        amount: yuan(r.amount),
        nominalAnnualRate: r.nominal_rate,
        termMonths: r.term_months,
        repaymentMethod,
      },
      termsVersion: r.terms_version,
      pendingDisclosure:
        r.pending_disclosure === null || r.disclosure_sha256 === null
          ? null
          : { disclosure: parseJson<OfferDisclosure>(r.pending_disclosure), sha256: r.disclosure_sha256 },
      borrowerResponse:
        r.borrower_decision === null || r.borrower_answered_at === null
          ? null
          : {
              decision: r.borrower_decision as 'accept' | 'decline',
              at: r.borrower_answered_at,
              disclosureSha256: r.borrower_disclosure_sha256 ?? '',
            },
      submittedBy: r.submitted_by,
      submittedAt: r.submitted_at,
      interviewerId: r.interviewer_id,
      completedAt: r.completed_at,
    };
  };

  const toDecision = (r: Selectable<ApprovalDecisionsTable>, terms: LoanOffer): ApprovalDecisionRecord => ({
    id: r.id,
    caseId: r.case_id,
    seq: r.seq,
    stepIndex: r.step_index,
    stepKind: r.step_kind as ApprovalStepKind,
    outcome: r.outcome as ApprovalOutcome,
    reasonCode: r.reason_code as ApprovalReasonCode,
    text: cipher.decrypt(r.text_enc),
    byAccountId: r.decided_by,
    byRole: r.decided_by_role,
    termsVersion: r.terms_version,
    revisedTerms:
      r.revised_amount === null || r.revised_rate === null || r.revised_term_months === null
        ? null
        : {
            amount: yuan(r.revised_amount),
            nominalAnnualRate: r.revised_rate,
            termMonths: r.revised_term_months,
            repaymentMethod: terms.repaymentMethod,
          },
    at: r.decided_at,
    leafHash: r.leaf_hash,
  });

  const findCase = async (trx: Kysely<Database> | Transaction<Database>, id: string) => {
    const row = await trx.selectFrom('approval_cases').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toCase(row);
  };

  return {
    async open({ record: c, evidence }) {
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('approval_cases')
            .values({
              id: c.id,
              application_id: c.applicationId,
              status: c.status,
              version: c.version,
              matrix_version: c.matrixVersion,
              band_id: c.bandId,
              kind: c.kind,
              steps: JSON.stringify(c.steps),
              snapshot: JSON.stringify(c.snapshot),
              requested_amount: c.requestedTerms.amount,
              requested_rate: c.requestedTerms.nominalAnnualRate,
              requested_term_months: c.requestedTerms.termMonths,
              repayment_method: c.requestedTerms.repaymentMethod,
              amount: c.currentTerms.amount,
              nominal_rate: c.currentTerms.nominalAnnualRate,
              term_months: c.currentTerms.termMonths,
              terms_version: c.termsVersion,
              pending_disclosure: null,
              disclosure_sha256: null,
              borrower_decision: null,
              borrower_answered_at: null,
              borrower_disclosure_sha256: null,
              submitted_by: c.submittedBy,
              submitted_at: c.submittedAt,
              interviewer_id: c.interviewerId,
              completed_at: null,
            })
            .execute();
          await queueEvidence(trx, [evidence]);
        });
      } catch (e) {
        if (isUniqueViolation(e)) return undefined;
        throw e;
      }
      return findCase(db, c.id);
    },

    async latestOf(applicationId) {
      const row = await db
        .selectFrom('approval_cases')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('submitted_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toCase(row);
    },

    async decisions(caseId) {
      const c = await findCase(db, caseId);
      if (!c) return [];
      const rows = await db
        .selectFrom('approval_decisions')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('seq')
        .execute();
      return rows.map((r) => toDecision(r, c.currentTerms));
    },

    async update({ caseId, expectedVersion, changes: ch, decision: d, evidence }) {
      const done = await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('approval_cases')
          .set({
            version: expectedVersion + 1,
            ...(ch.status !== undefined ? { status: ch.status } : {}),
            ...(ch.currentTerms !== undefined
              ? {
                  amount: ch.currentTerms.amount,
                  nominal_rate: ch.currentTerms.nominalAnnualRate,
                  term_months: ch.currentTerms.termMonths,
                }
              : {}),
            ...(ch.termsVersion !== undefined ? { terms_version: ch.termsVersion } : {}),
            ...(ch.pendingDisclosure !== undefined
              ? {
                  pending_disclosure: ch.pendingDisclosure && JSON.stringify(ch.pendingDisclosure.disclosure),
                  disclosure_sha256: ch.pendingDisclosure?.sha256 ?? null,
                }
              : {}),
            ...(ch.borrowerResponse !== undefined
              ? {
                  borrower_decision: ch.borrowerResponse?.decision ?? null,
                  borrower_answered_at: ch.borrowerResponse?.at ?? null,
                  borrower_disclosure_sha256: ch.borrowerResponse?.disclosureSha256 ?? null,
                }
              : {}),
            ...(ch.completedAt !== undefined ? { completed_at: ch.completedAt } : {}),
          })
          .where('id', '=', caseId)
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
        if (d)
          await trx
            .insertInto('approval_decisions')
            .values({
              id: d.id,
              case_id: caseId,
              seq: d.seq,
              step_index: d.stepIndex,
              step_kind: d.stepKind,
              outcome: d.outcome,
              reason_code: d.reasonCode,
              text_enc: cipher.encrypt(d.text),
              text_sha256: createHash('sha256').update(d.text).digest('hex'),
              decided_by: d.byAccountId,
              decided_by_role: d.byRole,
              terms_version: d.termsVersion,
              revised_amount: d.revisedTerms?.amount ?? null,
              revised_rate: d.revisedTerms?.nominalAnnualRate ?? null,
              revised_term_months: d.revisedTerms?.termMonths ?? null,
              decided_at: d.at,
              leaf_hash: d.leafHash,
            })
            .execute();
        await queueEvidence(trx, evidence);
        return true;
      });
      return done ? findCase(db, caseId) : undefined;
    },

    async approvedTermsOf(applicationId) {
      const row = await db
        .selectFrom('approval_cases')
        .selectAll()
        .where('application_id', '=', applicationId)
        .where('status', '=', 'approved')
        .orderBy('completed_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!row || row.completed_at === null) return undefined;
      const c = toCase(row);
      return {
        ...c.currentTerms,
        applicationId,
        caseId: c.id,
        matrixVersion: c.matrixVersion,
        approvedAt: row.completed_at,
      };
    },
  };
}
