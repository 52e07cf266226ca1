import type { Kysely, Selectable } from 'kysely';
import { maskMobile } from '../../core/accounts/password-policy';
import type { Role } from '../../core/accounts/roles';
import type { AccountRecord, AccountStore } from '../../features/accounts/account-store.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import type { AccountsTable, Database } from '../db/database';
import { isUniqueViolation } from '../db/errors';

export function accountFromRow(row: Selectable<AccountsTable>, cipher: PersonalDataCipher): AccountRecord {
  return {
    id: row.id,
    role: row.role as Role,
    displayName: cipher.decrypt(row.display_name_enc),
    mobileMasked: row.mobile_masked,
    companyName: row.company_name,
    actingAs: row.acting_as as AccountRecord['actingAs'],
    isDisabled: row.disabled_at !== null,
    createdAt: row.created_at,
  };
}

/** Accounts in PostgreSQL/PGlite; mobile numbers and names encrypted, the mobile also as a lookup HMAC. */
export function createDbAccountStore({
  db,
  cipher,
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
}): AccountStore {
  return {
    async create(a) {
      try {
        const row = await db
          .insertInto('accounts')
          .values({
            id: a.id,
            role: a.role,
            mobile_hmac: cipher.lookupHash('mobile', a.mobile),
            mobile_enc: cipher.encrypt(a.mobile),
            mobile_masked: maskMobile(a.mobile),
            display_name_enc: cipher.encrypt(a.displayName),
            company_name: a.companyName ?? null,
            credit_code_hmac: a.creditCode ? cipher.lookupHash('credit_code', a.creditCode) : null,
            acting_as: a.actingAs ?? null,
            password_hash: a.passwordHash,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return accountFromRow(row, cipher);
      } catch (e) {
        if (isUniqueViolation(e)) return undefined;
        throw e;
      }
    },
    async findCredentialsByMobile(mobile) {
      const row = await db
        .selectFrom('accounts')
        .selectAll()
        .where('mobile_hmac', '=', cipher.lookupHash('mobile', mobile))
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        account: accountFromRow(row, cipher),
        passwordHash: row.password_hash,
        failedLoginCount: row.failed_login_count,
        lockedUntil: row.locked_until,
      };
    },
    async findCredentialsById(id) {
      const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      return {
        account: accountFromRow(row, cipher),
        mobile: cipher.decrypt(row.mobile_enc),
        passwordHash: row.password_hash,
        failedLoginCount: row.failed_login_count,
        lockedUntil: row.locked_until,
      };
    },
    async setPasswordHash({ accountId, passwordHash }) {
      const changed = await db
        .updateTable('accounts')
        .set({ password_hash: passwordHash, failed_login_count: 0, locked_until: null })
        .where('id', '=', accountId)
        .executeTakeFirst();
      return Number(changed.numUpdatedRows) === 1;
    },
    async findById(id) {
      const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      return row && accountFromRow(row, cipher);
    },
    async recordFailedLogin({ accountId, threshold, lockUntil }) {
      // One statement, so that concurrent failures from several nodes count exactly.
      await db
        .updateTable('accounts')
        .set((eb) => ({
          failed_login_count: eb
            .case()
            .when('failed_login_count', '>=', threshold - 1)
            .then(0)
            .else(eb('failed_login_count', '+', 1))
            .end(),
          locked_until: eb
            .case()
            .when('failed_login_count', '>=', threshold - 1)
            .then(lockUntil)
            .else(eb.ref('locked_until'))
            .end(),
        }))
        .where('id', '=', accountId)
        .execute();
    },
    async recordSuccessfulLogin(accountId) {
      await db
        .updateTable('accounts')
        .set({ failed_login_count: 0, locked_until: null })
        .where('id', '=', accountId)
        .where((eb) => eb.or([eb('failed_login_count', '>', 0), eb('locked_until', 'is not', null)]))
        .execute();
    },
    async list() {
      const rows = await db.selectFrom('accounts').selectAll().orderBy('created_at', 'asc').execute();
      return rows.map((r) => accountFromRow(r, cipher));
    },
    async setDisabled({ accountId, isDisabled }) {
      const row = await db
        .updateTable('accounts')
        .set({ disabled_at: isDisabled ? new Date() : null })
        .where('id', '=', accountId)
        // A closed account stays disabled: its owner closed it, and nothing of it is left to use.
        .where('closed_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      return row && accountFromRow(row, cipher);
    },
  };
}
