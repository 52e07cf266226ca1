import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, OkBody, errorResponses } from '../../contracts/common.schema';
import {
  ConsentList,
  ConsentTextList,
  ConsentView,
  DevRegistryBody,
  FaceCheckResult,
  FaceCheckStarted,
  FaceFramesBody,
  GiveConsentBody,
  PhoneCodeBody,
  PhoneCodeSent,
  SmsOutboxView,
  StaffIdentityChecks,
  StartVerificationBody,
  VerificationView,
  VerifyPhoneCodeBody,
} from '../../contracts/identity.schema';
import { consentKinds, consentTexts, requiredConsents } from '../../core/identity/consent-texts';
import { actorOf, captureOf } from '../accounts/request-context';
import { chooseOfficerVideo } from './choose-officer-video';
import { describeVerification } from './describe-verification';
import { giveConsent } from './give-consent';
import type { IdentityDeps } from './identity-deps';
import { viewConsent, viewFaceCheck } from './identity-views';
import { listIdentityChecks } from './list-identity-checks';
import { listSmsOutbox } from './list-sms-outbox';
import { registerInDevRegistry } from './register-in-dev-registry';
import { sendPhoneCode } from './send-phone-code';
import { faceFrameLimits, startFaceCheck } from './start-face-check';
import { startVerification } from './start-verification';
import { submitFaceFrames } from './submit-face-frames';
import { verifyPhoneCode } from './verify-phone-code';
import { withdrawConsent } from './withdraw-consent';

const borrowers = ['borrower_individual', 'borrower_enterprise'] as const;
const caseworkers = ['loan_officer', 'risk_officer', 'approver'] as const;
/** 16 frames of at most 512 KiB, base64 (4/3) with JSON around them. */
const framesBodyLimit = 12 * 1024 * 1024;

/** The borrower's identity verification (身份核验), staff's view of it, and the development helpers. */
export const identityRoutes: FastifyPluginAsync<{ deps: IdentityDeps }> = async (plain, { deps }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['identity'];
  const current = (request: Parameters<typeof actorOf>[0]) =>
    describeVerification({ deps, actor: actorOf(request) });

  app.get(
    '/api/identity/consent-texts',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The consent texts in force (zh-CN and en, versioned)',
        response: { 200: ConsentTextList, ...errorResponses(401) },
      },
    },
    async () => ({
      items: consentKinds.map((kind) => ({
        kind,
        version: consentTexts[kind].version,
        title: { ...consentTexts[kind].title },
        body: { ...consentTexts[kind].body },
        isRequired: requiredConsents.includes(kind),
      })),
    }),
  );

  app.get(
    '/api/identity/verification',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'My identity verification and the next step',
        response: { 200: VerificationView, ...errorResponses(401, 403) },
      },
    },
    async (request) => current(request),
  );

  app.post(
    '/api/identity/verification',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'Submit name and ID number; the identity authority answers',
        body: StartVerificationBody,
        response: { 201: VerificationView, ...errorResponses(400, 401, 403, 409, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      await startVerification({
        deps,
        actor: actorOf(request),
        capture: captureOf(request),
        ...request.body,
      });
      return reply.code(201).send(await current(request));
    },
  );

  app.post(
    '/api/identity/verification/phone-code',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'Send a one-time code to a mobile (60 s apart, 5 an hour)',
        body: PhoneCodeBody,
        response: { 200: PhoneCodeSent, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const sent = await sendPhoneCode({ deps, actor: actorOf(request), mobile: request.body.mobile });
      return {
        mobileMasked: sent.mobileMasked,
        expiresAt: sent.expiresAt.toISOString(),
        resendAfter: sent.resendAfter.toISOString(),
      };
    },
  );

  app.post(
    '/api/identity/verification/phone-code/verify',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'Check the one-time code (5 tries, 5 minutes)',
        body: VerifyPhoneCodeBody,
        response: { 200: VerificationView, ...errorResponses(400, 401, 403, 404, 409, 410, 422, 429) },
      },
    },
    async (request) => {
      await verifyPhoneCode({
        deps,
        actor: actorOf(request),
        capture: captureOf(request),
        code: request.body.code,
      });
      return current(request);
    },
  );

  app.get(
    '/api/identity/consents',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'My consents and withdrawals',
        response: { 200: ConsentList, ...errorResponses(401, 403) },
      },
    },
    async (request) => ({
      items: (await deps.store.consentsOf(actorOf(request).accountId)).map(viewConsent),
    }),
  );

  app.post(
    '/api/identity/consents',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'Give a consent to the text version shown',
        body: GiveConsentBody,
        response: { 201: ConsentView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        viewConsent(
          await giveConsent({
            deps,
            actor: actorOf(request),
            capture: captureOf(request),
            ...request.body,
          }),
        ),
      ),
  );

  app.post(
    '/api/identity/consents/:id/withdraw',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'Withdraw a consent',
        params: IdParams,
        response: { 200: ConsentView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      viewConsent(
        await withdrawConsent({
          deps,
          actor: actorOf(request),
          capture: captureOf(request),
          id: request.params.id,
        }),
      ),
  );

  app.post(
    '/api/identity/verification/officer-video',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'Refuse face recognition: the loan officer verifies identity in the video interview',
        response: { 200: VerificationView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      await chooseOfficerVideo({ deps, actor: actorOf(request), capture: captureOf(request) });
      return current(request);
    },
  );

  app.post(
    '/api/identity/face-checks',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'Start a one-time face check: the server picks the liveness challenge',
        response: { 201: FaceCheckStarted, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const started = await startFaceCheck({ deps, actor: actorOf(request) });
      return reply.code(201).send({
        id: started.id,
        challenge: started.challenge,
        expiresAt: started.expiresAt.toISOString(),
        minFrames: faceFrameLimits.min,
        maxFrames: faceFrameLimits.max,
      });
    },
  );

  app.post(
    '/api/identity/face-checks/:id/frames',
    {
      config: { access: borrowers },
      bodyLimit: framesBodyLimit,
      schema: {
        tags,
        summary: 'Upload 3-16 JPEG frames (base64) for the face check; the server judges them',
        params: IdParams,
        body: FaceFramesBody,
        response: { 200: FaceCheckResult, ...errorResponses(400, 401, 403, 404, 409, 410, 413, 422, 503) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const outcome = await submitFaceFrames({
        deps,
        actor,
        capture: captureOf(request),
        faceCheckId: request.params.id,
        frames: request.body.frames.map((f) => Buffer.from(f, 'base64')),
      });
      const now = await deps.store.latestVerification(actor.accountId);
      return {
        check: viewFaceCheck(outcome.check),
        verificationStatus: now!.status,
        promotedApplicationIds: outcome.promotedApplicationIds,
      };
    },
  );

  app.post(
    '/api/identity/dev/registry',
    {
      config: { access: borrowers },
      bodyLimit: 3 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Development only: add yourself to the local identity registry with a webcam photo',
        body: DevRegistryBody,
        response: { 201: OkBody, ...errorResponses(400, 401, 403, 413, 422) },
      },
    },
    async (request, reply) => {
      await registerInDevRegistry({
        deps,
        actor: actorOf(request),
        name: request.body.name,
        idNumber: request.body.idNumber,
        photo: request.body.photo === undefined ? undefined : Buffer.from(request.body.photo, 'base64'),
      });
      return reply.code(201).send({ ok: true as const });
    },
  );

  app.get(
    '/api/staff/applications/:id/identity-checks',
    {
      config: { access: caseworkers },
      schema: {
        tags,
        summary: "The identity checks of an application's borrower (masked)",
        params: IdParams,
        response: { 200: StaffIdentityChecks, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      listIdentityChecks({ deps, actor: actorOf(request), applicationId: request.params.id }),
  );

  app.get(
    '/api/admin/sms-outbox',
    {
      config: { access: ['admin'] },
      schema: {
        tags,
        summary: 'Development: the SMS outbox',
        response: { 200: SmsOutboxView, ...errorResponses(401, 403) },
      },
    },
    async () => listSmsOutbox({ deps }),
  );
};
