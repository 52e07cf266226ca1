import type { Kysely, Selectable } from 'kysely';
import type { CollateralType, ValuationMethod } from '../../core/collateral/collateral-policy';
import type {
  CollateralItemRecord,
  CollateralItemWithValuations,
  CollateralStore,
  ValuationRecord,
} from '../../features/collateral/collateral-store.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import type { Database } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import type { CollateralItemsTable, CollateralValuationsTable } from '../db/tables/collateral';
import { queueEvidence } from '../ledger/queue-evidence';

/** numeric(15,2) comes back as a string; keep two places whatever the driver gave. */
const yuan = (v: string) => {
  const [whole, fraction = ''] = String(v).split('.');
  return `${whole}.${fraction.padEnd(2, '0').slice(0, 2)}`;
};

const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/**
 * Collateral in PostgreSQL/PGlite. Types, values, dates, methods and document ids are not personal
 * and stay in clear; descriptions, locations, owners and appraisers are envelope-encrypted. Every
 * write queues its evidence in the ledger's outbox in the same transaction.
 */
export function createDbCollateralStore({
  db,
  cipher,
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
}): CollateralStore {
  const toItem = (r: Selectable<CollateralItemsTable>): CollateralItemRecord => ({
    id: r.id,
    applicationId: r.application_id,
    type: r.type as CollateralType,
    description: cipher.decrypt(r.description_enc),
    location: r.location_enc === null ? null : cipher.decrypt(r.location_enc),
    ownerName: cipher.decrypt(r.owner_name_enc),
    registeredBy: r.registered_by,
    registeredByRole: r.registered_by_role,
    registeredAt: r.registered_at,
    leafHash: r.leaf_hash,
  });
  const toValuation = (r: Selectable<CollateralValuationsTable>): ValuationRecord => ({
    id: r.id,
    collateralId: r.collateral_id,
    seq: r.seq,
    appraisedValue: yuan(r.appraised_value),
    valuationDate: r.valuation_date,
    method: r.method as ValuationMethod,
    appraiser: cipher.decrypt(r.appraiser_enc),
    documentIds: parseJson<string[]>(r.document_ids),
    recordedBy: r.recorded_by,
    recordedByRole: r.recorded_by_role,
    recordedAt: r.recorded_at,
    leafHash: r.leaf_hash,
  });

  const withValuations = async (
    items: Selectable<CollateralItemsTable>[],
  ): Promise<CollateralItemWithValuations[]> => {
    if (items.length === 0) return [];
    const rows = await db
      .selectFrom('collateral_valuations')
      .selectAll()
      .where(
        'collateral_id',
        'in',
        items.map((i) => i.id),
      )
      .orderBy('collateral_id')
      .orderBy('seq')
      .execute();
    return items.map((i) => ({
      ...toItem(i),
      valuations: rows.filter((r) => r.collateral_id === i.id).map(toValuation),
    }));
  };

  return {
    async itemsOf(applicationId) {
      const items = await db
        .selectFrom('collateral_items')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('registered_at')
        .orderBy('id')
        .execute();
      return withValuations(items);
    },

    async findItem({ applicationId, collateralId }) {
      const item = await db
        .selectFrom('collateral_items')
        .selectAll()
        .where('id', '=', collateralId)
        .where('application_id', '=', applicationId)
        .executeTakeFirst();
      return item && (await withValuations([item]))[0];
    },

    async addItem({ item, evidence }) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('collateral_items')
          .values({
            id: item.id,
            application_id: item.applicationId,
            type: item.type,
            description_enc: cipher.encrypt(item.description),
            location_enc: item.location === null ? null : cipher.encrypt(item.location),
            owner_name_enc: cipher.encrypt(item.ownerName),
            registered_by: item.registeredBy,
            registered_by_role: item.registeredByRole,
            registered_at: item.registeredAt,
            leaf_hash: item.leafHash,
          })
          .execute();
        await queueEvidence(trx, [evidence]);
      });
    },

    async addValuation({ valuation: v, evidence }) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction().execute(async (trx) => {
            const last = await trx
              .selectFrom('collateral_valuations')
              .select((eb) => eb.fn.max('seq').as('seq'))
              .where('collateral_id', '=', v.collateralId)
              .executeTakeFirst();
            const seq = Number(last?.seq ?? 0) + 1;
            await trx
              .insertInto('collateral_valuations')
              .values({
                id: v.id,
                collateral_id: v.collateralId,
                seq,
                appraised_value: v.appraisedValue,
                valuation_date: v.valuationDate,
                method: v.method,
                appraiser_enc: cipher.encrypt(v.appraiser),
                document_ids: JSON.stringify(v.documentIds),
                recorded_by: v.recordedBy,
                recorded_by_role: v.recordedByRole,
                recorded_at: v.recordedAt,
                leaf_hash: v.leafHash,
              })
              .execute();
            await queueEvidence(trx, [evidence]);
            return { ...v, seq };
          });
        } catch (e) {
          if (isUniqueViolation(e) && attempt < 5) continue;
          throw e;
        }
      }
    },

    async projectionOf(applicationId) {
      const rows = await db
        .selectFrom('collateral_cash_flows')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('year')
        .execute();
      const first = rows[0];
      if (!first) return undefined;
      return {
        applicationId,
        amounts: rows.map((r) => {
          const text = String(r.amount);
          return text.startsWith('-') ? `-${yuan(text.slice(1))}` : yuan(text);
        }),
        setBy: first.set_by,
        setAt: first.set_at,
        leafHash: first.leaf_hash,
      };
    },

    async setProjection({ projection: p, evidence }) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('collateral_cash_flows').where('application_id', '=', p.applicationId).execute();
        await trx
          .insertInto('collateral_cash_flows')
          .values(
            p.amounts.map((amount, index) => ({
              application_id: p.applicationId,
              year: index + 1,
              amount,
              set_by: p.setBy,
              set_at: p.setAt,
              leaf_hash: p.leafHash,
            })),
          )
          .execute();
        await queueEvidence(trx, [evidence]);
      });
    },
  };
}
