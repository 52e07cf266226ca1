import { sql, type Kysely, type Selectable } from 'kysely';
import type { ApplicationDetails, ApplicationKind } from '../../core/application/application';
import type { ApplicationStatus } from '../../core/application/lifecycle';
import type { RuleResult } from '../../core/screening/screen-application';
import type {
  ApplicationListItem,
  ApplicationRecord,
  ApplicationStore,
  DocumentRecord,
  EventRecord,
} from '../../features/applications/application-store.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import { queueEvidence } from '../ledger/queue-evidence';
import { createNaturalBatcher } from '../db/natural-batcher';
import type { ApplicationsTable, Database, DocumentsTable } from '../db/database';

type Row = Selectable<ApplicationsTable>;

/** Names are compared trimmed and with inner whitespace collapsed. */
const normaliseName = (name: string) => name.trim().replace(/\s+/g, ' ');

/**
 * Applications in PostgreSQL/PGlite. The details (all personal data) are one encrypted JSON document;
 * the columns the queue filters on are plaintext only where they are not personal (amount, term,
 * product, company name) and keyed hashes otherwise (applicant name, ID number, credit code).
 */
export function createDbApplicationStore({
  db,
  cipher,
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
}): ApplicationStore {
  const searchable = (kind: ApplicationKind, d: ApplicationDetails) => {
    const name = kind === 'individual' ? d.applicant?.fullName : undefined;
    return {
      product_code: d.loan.productCode,
      amount: d.loan.amount ?? null,
      term_months: d.loan.termMonths ?? null,
      applicant_name_enc: name ? cipher.encrypt(name) : null,
      applicant_name_hmac: name ? cipher.lookupHash('name', normaliseName(name)) : null,
      id_number_hmac: d.applicant?.idNumber ? cipher.lookupHash('id_number', d.applicant.idNumber) : null,
      credit_code_hmac: d.company?.creditCode ? cipher.lookupHash('credit_code', d.company.creditCode) : null,
      company_name: kind === 'enterprise' ? (d.company?.name ?? null) : null,
      details_enc: cipher.encrypt(JSON.stringify(d)),
    };
  };

  /** `details`, when the caller has them in plaintext already, saves a decryption. */
  const toRecord = (row: Row, details?: ApplicationDetails): ApplicationRecord => ({
    id: row.id,
    reference: row.reference,
    kind: row.kind as ApplicationKind,
    status: row.status as ApplicationStatus,
    version: row.version,
    productCode: row.product_code,
    borrowerAccountId: row.borrower_account_id,
    details: details ?? (JSON.parse(cipher.decrypt(row.details_enc)) as ApplicationDetails),
    screeningDecision: row.screening_decision as ApplicationRecord['screeningDecision'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
  });

  const toDocument = (r: Selectable<DocumentsTable>): DocumentRecord => ({
    id: r.id,
    applicationId: r.application_id,
    kind: r.kind,
    filename: cipher.decrypt(r.filename_enc),
    contentType: r.content_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    blobKey: r.blob_key,
    uploadedBy: r.uploaded_by,
    uploadedAt: r.created_at,
  });

  const listColumns = [
    'id',
    'reference',
    'kind',
    'status',
    'product_code',
    'amount',
    'term_months',
    'applicant_name_enc',
    'company_name',
    'screening_decision',
    'submitted_at',
    'updated_at',
  ] as const;
  type ListRow = Pick<Row, (typeof listColumns)[number]> & { total: string };
  const toListItem = (row: ListRow): ApplicationListItem => ({
    id: row.id,
    reference: row.reference,
    kind: row.kind as ApplicationKind,
    status: row.status as ApplicationStatus,
    productCode: row.product_code,
    amount: row.amount,
    termMonths: row.term_months,
    applicantName:
      row.kind === 'individual'
        ? row.applicant_name_enc
          ? cipher.decrypt(row.applicant_name_enc)
          : null
        : row.company_name,
    screeningDecision: row.screening_decision as ApplicationListItem['screeningDecision'],
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
  });

  type NewApplication = Parameters<ApplicationStore['create']>[0];
  /**
   * Creates go to the database in natural batches: one statement inserts the applications, their
   * human references and their first events, all committed together.
   */
  const create = createNaturalBatcher<NewApplication, ApplicationRecord>({
    run: async (items) => {
      const apps = items.map(({ id, kind, borrowerAccountId, details, event }) => {
        const s = searchable(kind, details);
        return sql`(${id}::uuid, ${kind}, ${s.product_code}, ${event.toStatus}, ${borrowerAccountId}::uuid, ${s.amount}::numeric,
          ${s.term_months}::integer, ${s.applicant_name_enc}, ${s.applicant_name_hmac}, ${s.id_number_hmac}, ${s.credit_code_hmac},
          ${s.company_name}, ${s.details_enc})`;
      });
      const events = items.map(
        ({ id, event }) =>
          sql`(${id}::uuid, 1, ${event.fromStatus}, ${event.toStatus}, ${event.actorAccountId}::uuid, ${event.actorRole}, ${event.reason})`,
      );
      const { rows } = await sql<Row>`
        with app as (
          insert into applications (id, reference, kind, product_code, status, version, borrower_account_id, amount, term_months,
            applicant_name_enc, applicant_name_hmac, id_number_hmac, credit_code_hmac, company_name, details_enc)
          select v.id, 'MQ-' || to_char(now() + interval '8 hours', 'YYYY') || '-' || lpad(nextval('application_reference_seq')::text, 6, '0'),
            v.kind, v.product_code, v.status, 1, v.borrower_account_id, v.amount, v.term_months, v.applicant_name_enc,
            v.applicant_name_hmac, v.id_number_hmac, v.credit_code_hmac, v.company_name, v.details_enc
          from (values ${sql.join(apps)}) as v(id, kind, product_code, status, borrower_account_id, amount, term_months,
            applicant_name_enc, applicant_name_hmac, id_number_hmac, credit_code_hmac, company_name, details_enc)
          returning *
        ), ev as (
          insert into application_events (application_id, seq, from_status, to_status, actor_account_id, actor_role, reason)
          values ${sql.join(events)}
        ), evidence as (
          insert into ledger_queue (entry, leaf_hash, subject, openings_enc)
          values ${sql.join(items.map(({ evidence: e }) => sql`(${e.entry}, ${e.leafHash}, ${e.subject}, ${e.openings ?? null})`))}
        )
        select * from app`.execute(db);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return items.map((item) => toRecord(byId.get(item.id)!, item.details));
    },
  });

  return {
    create,

    async findById(id) {
      const row = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    async updateDraft({ id, kind, expectedVersion, details }) {
      const row = await db
        .updateTable('applications')
        .set({
          ...searchable(kind, details),
          version: expectedVersion + 1,
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .where('status', '=', 'draft')
        .returningAll()
        .executeTakeFirst();
      return row && toRecord(row, details);
    },

    async transition({ id, expectedVersion, status, events, screening, isSubmission = false, evidence }) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('applications')
          .set({
            status,
            version: expectedVersion + 1,
            updated_at: sql`now()`,
            ...(isSubmission ? { submitted_at: sql`now()` } : {}),
            ...(screening ? { screening_decision: screening.decision } : {}),
          })
          .where('id', '=', id)
          .where('version', '=', expectedVersion)
          .returningAll()
          .executeTakeFirst();
        if (!row) return undefined;
        // The row lock taken by the update serialises event numbering for this application.
        const { last } = await trx
          .selectFrom('application_events')
          .select((eb) => eb.fn.coalesce(eb.fn.max('seq'), sql<number>`0`).as('last'))
          .where('application_id', '=', id)
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('application_events')
          .values(
            events.map((e, i) => ({
              application_id: id,
              seq: Number(last) + i + 1,
              from_status: e.fromStatus,
              to_status: e.toStatus,
              actor_account_id: e.actorAccountId,
              actor_role: e.actorRole,
              reason: e.reason,
            })),
          )
          .execute();
        if (screening) {
          await trx
            .insertInto('screenings')
            .values({
              id: crypto.randomUUID(),
              application_id: id,
              policy_version: screening.policyVersion,
              decision: screening.decision,
              results: JSON.stringify(screening.results),
            })
            .execute();
        }
        await queueEvidence(trx, evidence);
        return toRecord(row);
      });
    },

    async listByBorrower({ borrowerAccountId, page, pageSize }) {
      const rows = await db
        .selectFrom('applications')
        .select(listColumns)
        .select(sql<string>`count(*) over ()`.as('total'))
        .where('borrower_account_id', '=', borrowerAccountId)
        .orderBy('updated_at', 'desc')
        .orderBy('id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { items: rows.map(toListItem), total: rows.length ? Number(rows[0]!.total) : 0 };
    },

    async listQueue({ status, kind, productCode, q, page, pageSize }) {
      let query = db
        .selectFrom('applications')
        .select(listColumns)
        .select(sql<string>`count(*) over ()`.as('total'));
      query = status ? query.where('status', '=', status) : query.where('status', '!=', 'draft');
      if (kind) query = query.where('kind', '=', kind);
      if (productCode) query = query.where('product_code', '=', productCode);
      const term = q?.trim();
      if (term) {
        const upper = term.toUpperCase();
        const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query = query.where((eb) =>
          eb.or([
            eb('reference', '=', upper),
            eb('company_name', 'ilike', like),
            eb('applicant_name_hmac', '=', cipher.lookupHash('name', normaliseName(term))),
            eb('id_number_hmac', '=', cipher.lookupHash('id_number', upper)),
            eb('credit_code_hmac', '=', cipher.lookupHash('credit_code', upper)),
          ]),
        );
      }
      const rows = await query
        .orderBy('updated_at', 'desc')
        .orderBy('id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { items: rows.map(toListItem), total: rows.length ? Number(rows[0]!.total) : 0 };
    },

    async history(id) {
      const rows = await db
        .selectFrom('application_events as e')
        .leftJoin('accounts as a', 'a.id', 'e.actor_account_id')
        .select([
          'e.seq',
          'e.from_status',
          'e.to_status',
          'e.actor_account_id',
          'e.actor_role',
          'e.reason',
          'e.at',
          'a.display_name_enc',
        ])
        .where('e.application_id', '=', id)
        .orderBy('e.seq')
        .execute();
      return rows.map((r): EventRecord => ({
        seq: r.seq,
        fromStatus: r.from_status as ApplicationStatus | null,
        toStatus: r.to_status as ApplicationStatus,
        actorAccountId: r.actor_account_id,
        actorRole: r.actor_role,
        actorName: r.display_name_enc ? cipher.decrypt(r.display_name_enc) : null,
        reason: r.reason,
        at: r.at,
      }));
    },

    async latestScreening(id) {
      const row = await db
        .selectFrom('screenings')
        .selectAll()
        .where('application_id', '=', id)
        .orderBy('screened_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return (
        row && {
          decision: row.decision as 'pass' | 'reject',
          policyVersion: row.policy_version,
          results: row.results as RuleResult[],
          screenedAt: row.screened_at,
        }
      );
    },

    async documents(applicationId) {
      const rows = await db
        .selectFrom('documents')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('created_at')
        .execute();
      return rows.map(toDocument);
    },

    async findDocument({ applicationId, documentId }) {
      const row = await db
        .selectFrom('documents')
        .selectAll()
        .where('application_id', '=', applicationId)
        .where('id', '=', documentId)
        .executeTakeFirst();
      return row && toDocument(row);
    },

    async addDocument(d, evidence) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('documents')
          .values({
            id: d.id,
            application_id: d.applicationId,
            kind: d.kind,
            filename_enc: cipher.encrypt(d.filename),
            content_type: d.contentType,
            size_bytes: d.sizeBytes,
            sha256: d.sha256,
            blob_key: d.blobKey,
            uploaded_by: d.uploadedBy,
            created_at: d.uploadedAt,
          })
          .execute();
        await queueEvidence(trx, [evidence]);
      });
    },

    async blocklistMatches({ idNumbers, creditCodes }) {
      const wanted = new Map<string, { kind: 'id' | 'code'; value: string }>();
      for (const v of idNumbers) wanted.set(cipher.lookupHash('id_number', v), { kind: 'id', value: v });
      for (const v of creditCodes)
        wanted.set(cipher.lookupHash('credit_code', v), { kind: 'code', value: v });
      if (wanted.size === 0) return { idNumbers: [], creditCodes: [] };
      const rows = await db
        .selectFrom('blocklist')
        .select('identifier_hmac')
        .where('identifier_hmac', 'in', [...wanted.keys()])
        .execute();
      const hits = rows.map((r) => wanted.get(r.identifier_hmac)!);
      return {
        idNumbers: hits.filter((h) => h.kind === 'id').map((h) => h.value),
        creditCodes: hits.filter((h) => h.kind === 'code').map((h) => h.value),
      };
    },

    async addToBlocklist({ kind, identifier, reason }) {
      await db
        .insertInto('blocklist')
        .values({
          identifier_hmac: cipher.lookupHash(kind, identifier.toUpperCase()),
          identifier_kind: kind,
          reason,
        })
        .onConflict((oc) => oc.column('identifier_hmac').doUpdateSet({ reason }))
        .execute();
    },

    async findStale({ statuses, before, limit }) {
      const rows = await db
        .selectFrom('applications')
        .selectAll()
        .where('status', 'in', statuses)
        .where('updated_at', '<', before)
        .orderBy('updated_at')
        .limit(limit)
        .execute();
      return rows.map((r) => toRecord(r));
    },
  };
}
