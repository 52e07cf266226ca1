import { sql, type Kysely, type Selectable } from 'kysely';
import type { ConsentKind } from '../../core/identity/consent-texts';
import type { LivenessChallenge } from '../../core/identity/liveness-challenge';
import type {
  AuthorityCheckRecord,
  ConsentRecord,
  FaceCheckRecord,
  IdentityStore,
  VerificationRecord,
  VerificationStatus,
} from '../../features/identity/identity-store.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import { queueEvidence } from '../ledger/queue-evidence';
import type {
  ConsentsTable,
  Database,
  FaceChecksTable,
  IdentityAuthorityChecksTable,
  IdentityVerificationsTable,
} from '../db/database';

import { verifiedIdentityStatuses } from '../../features/identity/verified-identity';
/**
 * Identity verifications in PostgreSQL/PGlite. Names, ID numbers and mobiles are envelope-encrypted,
 * with keyed hashes beside them for exact lookups; retained face frames are encrypted bytes. Evidence
 * goes to the ledger's outbox in the transaction of the step it attests.
 */
export function createDbIdentityStore({
  db,
  cipher,
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
}): IdentityStore {
  const toVerification = (r: Selectable<IdentityVerificationsTable>): VerificationRecord => ({
    id: r.id,
    accountId: r.account_id,
    status: r.status as VerificationStatus,
    name: cipher.decrypt(r.name_enc),
    idNumber: cipher.decrypt(r.id_number_enc),
    mobile: r.mobile_enc ? cipher.decrypt(r.mobile_enc) : null,
    phoneVerifiedAt: r.phone_verified_at,
    method: r.method,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    verifiedAt: r.verified_at,
  });
  const toAuthorityCheck = (r: Selectable<IdentityAuthorityChecksTable>): AuthorityCheckRecord => ({
    id: r.id,
    verificationId: r.verification_id,
    provider: r.provider,
    requestKind: r.request_kind,
    verdict: r.verdict,
    similarity: r.similarity,
    hasPhoto: r.has_photo,
    responseSha256: r.response_sha256,
    providerReference: r.provider_reference,
    requestedAt: r.requested_at,
    answeredAt: r.answered_at,
  });
  const authorityRow = (c: AuthorityCheckRecord) => ({
    id: c.id,
    verification_id: c.verificationId,
    provider: c.provider,
    request_kind: c.requestKind,
    verdict: c.verdict,
    similarity: c.similarity,
    has_photo: c.hasPhoto,
    response_sha256: c.responseSha256,
    provider_reference: c.providerReference,
    requested_at: c.requestedAt,
    answered_at: c.answeredAt,
  });
  const toConsent = (r: Selectable<ConsentsTable>): ConsentRecord => ({
    id: r.id,
    accountId: r.account_id,
    kind: r.kind as ConsentKind,
    textVersion: r.text_version,
    textSha256: r.text_sha256,
    locale: r.locale as ConsentRecord['locale'],
    method: r.method,
    deviceCommitment: r.device_commitment,
    leafHash: r.leaf_hash,
    givenAt: r.given_at,
    withdrawnAt: r.withdrawn_at,
    withdrawalMethod: r.withdrawal_method,
    withdrawalDeviceCommitment: r.withdrawal_device_commitment,
  });
  const toFaceCheck = (r: Selectable<FaceChecksTable>): FaceCheckRecord => ({
    id: r.id,
    verificationId: r.verification_id,
    accountId: r.account_id,
    challenge: r.challenge as LivenessChallenge,
    status: r.status,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
    completedAt: r.completed_at,
    passed: r.passed,
    failures: r.failures as string[] | null,
    similarity: r.similarity,
    threshold: r.threshold,
    scores: r.scores,
    modelVersion: r.model_version,
    frameCount: r.frame_count,
    framesSha256: r.frames_sha256 as string[] | null,
    imagesRetained: r.images_retained,
  });

  return {
    async startVerification({ verification: v, authorityCheck, evidence }) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('identity_verifications')
          .values({
            id: v.id,
            account_id: v.accountId,
            status: v.status,
            name_enc: cipher.encrypt(v.name),
            id_number_enc: cipher.encrypt(v.idNumber),
            id_number_hmac: cipher.lookupHash('id_number', v.idNumber),
            created_at: v.createdAt,
            updated_at: v.createdAt,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx.insertInto('identity_authority_checks').values(authorityRow(authorityCheck)).execute();
        await queueEvidence(trx, [evidence]);
        return toVerification(row);
      });
    },

    async latestVerification(accountId) {
      const row = await db
        .selectFrom('identity_verifications')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toVerification(row);
    },

    async verifiedIdentityOf(accountId) {
      const row = await db
        .selectFrom('identity_verifications')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('status', 'in', verifiedIdentityStatuses)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toVerification(row);
    },

    async verificationsOf(accountId) {
      const rows = await db
        .selectFrom('identity_verifications')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toVerification);
    },

    async authorityChecks(verificationId) {
      const rows = await db
        .selectFrom('identity_authority_checks')
        .selectAll()
        .where('verification_id', '=', verificationId)
        .orderBy('answered_at')
        .execute();
      return rows.map(toAuthorityCheck);
    },

    async addAuthorityCheck(check, evidence) {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('identity_authority_checks').values(authorityRow(check)).execute();
        await queueEvidence(trx, [evidence]);
      });
    },

    async phoneCodeUsage({ accountId, mobile, since }) {
      const row = await db
        .selectFrom('phone_codes')
        .select((eb) => [
          eb.fn.countAll<string>().as('count'),
          eb.fn.min('created_at').as('first'),
          eb.fn.max('created_at').as('last'),
        ])
        .where((eb) =>
          eb.or([
            eb('account_id', '=', accountId),
            eb('mobile_hmac', '=', cipher.lookupHash('mobile', mobile)),
          ]),
        )
        .where('created_at', '>', since)
        .executeTakeFirstOrThrow();
      const asDate = (d: unknown) => (d === null || d === undefined ? null : new Date(d as string | Date));
      return { count: Number(row.count), firstSentAt: asDate(row.first), lastSentAt: asDate(row.last) };
    },

    async addPhoneCode(c) {
      await db
        .insertInto('phone_codes')
        .values({
          id: c.id,
          verification_id: c.verificationId,
          account_id: c.accountId,
          mobile_hmac: cipher.lookupHash('mobile', c.mobile),
          mobile_enc: cipher.encrypt(c.mobile),
          code_hash: c.codeHash,
          attempts: c.attempts,
          expires_at: c.expiresAt,
          consumed_at: c.consumedAt,
          created_at: c.createdAt,
        })
        .execute();
    },

    async latestPhoneCode(verificationId) {
      const r = await db
        .selectFrom('phone_codes')
        .selectAll()
        .where('verification_id', '=', verificationId)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return (
        r && {
          id: r.id,
          verificationId: r.verification_id,
          mobile: cipher.decrypt(r.mobile_enc),
          codeHash: r.code_hash,
          attempts: r.attempts,
          expiresAt: r.expires_at,
          consumedAt: r.consumed_at,
          createdAt: r.created_at,
        }
      );
    },

    async countPhoneCodeAttempt({ id, maxAttempts }) {
      const r = await db
        .updateTable('phone_codes')
        .set({ attempts: sql`attempts + 1` })
        .where('id', '=', id)
        .where('attempts', '<', maxAttempts)
        .returning('attempts')
        .executeTakeFirst();
      return r?.attempts;
    },

    async completePhoneVerification({ verificationId, codeId, mobile, at, evidence }) {
      return db.transaction().execute(async (trx) => {
        const used = await trx
          .updateTable('phone_codes')
          .set({ consumed_at: at })
          .where('id', '=', codeId)
          .where('consumed_at', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (!used) return false;
        const moved = await trx
          .updateTable('identity_verifications')
          .set({
            status: 'phone_verified',
            mobile_enc: cipher.encrypt(mobile),
            mobile_hmac: cipher.lookupHash('mobile', mobile),
            phone_verified_at: at,
            updated_at: at,
          })
          .where('id', '=', verificationId)
          .where('status', '=', 'authority_passed')
          .returning('id')
          .executeTakeFirst();
        if (!moved) throw new Error('verification changed meanwhile'); // rolls back the code's use
        await queueEvidence(trx, [evidence]);
        return true;
      });
    },

    async addConsent(c, evidence) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('consents')
          .values({
            id: c.id,
            account_id: c.accountId,
            kind: c.kind,
            text_version: c.textVersion,
            text_sha256: c.textSha256,
            locale: c.locale,
            method: c.method,
            device_commitment: c.deviceCommitment,
            leaf_hash: c.leafHash,
            given_at: c.givenAt,
          })
          .execute();
        await queueEvidence(trx, [evidence]);
      });
    },

    async consentsOf(accountId) {
      const rows = await db
        .selectFrom('consents')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('given_at')
        .orderBy('id')
        .execute();
      return rows.map(toConsent);
    },

    async withdrawConsent({ id, accountId, at, method, deviceCommitment, leafHash, evidence }) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('consents')
          .set({
            withdrawn_at: at,
            withdrawal_method: method,
            withdrawal_device_commitment: deviceCommitment,
            withdrawal_leaf_hash: leafHash,
          })
          .where('id', '=', id)
          .where('account_id', '=', accountId)
          .where('withdrawn_at', 'is', null)
          .returningAll()
          .executeTakeFirst();
        if (!row) return undefined;
        await queueEvidence(trx, [evidence]);
        return toConsent(row);
      });
    },

    async issueFaceCheck(c) {
      await db
        .insertInto('face_checks')
        .values({
          id: c.id,
          verification_id: c.verificationId,
          account_id: c.accountId,
          challenge: c.challenge,
          status: 'issued',
          issued_at: c.issuedAt,
          expires_at: c.expiresAt,
        })
        .execute();
    },

    async findFaceCheck(id) {
      const row = await db.selectFrom('face_checks').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toFaceCheck(row);
    },

    async claimFaceCheck(id) {
      const r = await db
        .updateTable('face_checks')
        .set({ status: 'processing' })
        .where('id', '=', id)
        .where('status', '=', 'issued')
        .returning('id')
        .executeTakeFirst();
      return r !== undefined;
    },

    async releaseFaceCheck(id) {
      await db
        .updateTable('face_checks')
        .set({ status: 'issued' })
        .where('id', '=', id)
        .where('status', '=', 'processing')
        .execute();
    },

    async completeFaceCheck(input) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('identity_authority_checks')
          .values(authorityRow(input.authorityCheck))
          .execute();
        await trx
          .updateTable('face_checks')
          .set({
            status: 'completed',
            completed_at: input.at,
            passed: input.passed,
            failures: JSON.stringify(input.failures),
            similarity: input.similarity,
            threshold: input.threshold,
            scores: JSON.stringify(input.scores ?? null),
            model_version: input.modelVersion,
            frame_count: input.framesSha256.length,
            frames_sha256: JSON.stringify(input.framesSha256),
            images_retained: input.images !== undefined,
            authority_check_id: input.authorityCheck.id,
          })
          .where('id', '=', input.id)
          .execute();
        if (input.images?.length)
          await trx
            .insertInto('face_check_images')
            .values(
              input.images.map((image, seq) => ({
                face_check_id: input.id,
                seq,
                image_enc: cipher.encryptBytes(Buffer.from(image)),
              })),
            )
            .execute();
        if (input.verified)
          await trx
            .updateTable('identity_verifications')
            .set({ status: 'verified', method: 'face', verified_at: input.at, updated_at: input.at })
            .where('id', '=', input.verified.verificationId)
            .where('status', '=', 'phone_verified')
            .execute();
        await queueEvidence(trx, input.evidence);
      });
    },

    async faceChecksOf(verificationId) {
      const rows = await db
        .selectFrom('face_checks')
        .selectAll()
        .where('verification_id', '=', verificationId)
        .orderBy('issued_at')
        .execute();
      return rows.map(toFaceCheck);
    },

    async chooseOfficerVideo({ verificationId, at, evidence }) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('identity_verifications')
          .set({ status: 'officer_video_pending', method: 'officer_video', updated_at: at })
          .where('id', '=', verificationId)
          .where('status', '=', 'phone_verified')
          .returningAll()
          .executeTakeFirst();
        if (!row) return undefined;
        await queueEvidence(trx, [evidence]);
        return toVerification(row);
      });
    },

    async confirmOfficerVideo({ verificationId, at, evidence }) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('identity_verifications')
          .set({ status: 'verified', verified_at: at, updated_at: at })
          .where('id', '=', verificationId)
          .where('status', '=', 'officer_video_pending')
          .returningAll()
          .executeTakeFirst();
        if (!row) return undefined;
        await queueEvidence(trx, [evidence]);
        return toVerification(row);
      });
    },
  };
}
