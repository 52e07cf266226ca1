import type { FastifyPluginAsync } from 'fastify';
import type { Static, TSchema } from 'typebox';
import { AppError } from '../../core/errors';
import { roomWindow } from '../../core/interview/join-window';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, OkBody, errorResponses } from '../../contracts/common.schema';
import {
  AdmissionView,
  AnswerQuestionBody,
  BookInterviewBody,
  CancelInterviewBody,
  ConcludeInterviewBody,
  ConfirmDisclosureBody,
  FlagPromptingBody,
  InterviewConsoleView,
  InterviewList,
  InterviewView,
  JoinBody,
  MyInterviewsView,
  OfferSlotsBody,
  QcDecisionBody,
  SlotList,
} from '../../contracts/interview.schema';
import { actorOf, captureOf } from '../accounts/request-context';
import { admitToRoom } from './admit-to-room';
import { bookInterview } from './book-interview';
import { cancelInterview } from './cancel-interview';
import { concludeInterview, signOffQc } from './conclude-interview';
import {
  answerQuestion,
  confirmDisclosure,
  flagPrompting,
  interviewOfOfficer,
  startInterviewAsOfficer,
} from './conduct-interview';
import type { InterviewDeps } from './interview-deps';
import { viewInterview, viewSlot } from './interview-views';
import {
  interviewOfParticipant,
  loadInterviewConsole,
  loadMyInterviews,
  loadOpenSlots,
  loadStaffInterviews,
} from './load-interviews';
import { cancelInterviewSlot, offerInterviewSlots } from './offer-interview-slots';

const borrowers = ['borrower_individual', 'borrower_enterprise'] as const;
const officers = ['loan_officer'] as const;
const reviewers = ['loan_officer', 'risk_officer'] as const;
const participants = [...borrowers, 'loan_officer'] as const;

/** Video interviews (面签): slots, booking, admission, the officer's console, conclusion and QC. */
export const interviewRoutes: FastifyPluginAsync<{ deps: InterviewDeps }> = async (plain, { deps }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['interviews'];
  const consoleOf = (request: { params: { id: string } } & Parameters<typeof actorOf>[0]) =>
    loadInterviewConsole({ deps, actor: actorOf(request), interviewId: request.params.id });

  app.post(
    '/api/staff/interview-slots',
    {
      config: { access: officers },
      schema: {
        tags,
        summary: 'Offer interview slots: count back-to-back slots of durationMinutes from startsAt',
        body: OfferSlotsBody,
        response: { 201: SlotList, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const slots = await offerInterviewSlots({ deps, actor: actorOf(request), ...request.body });
      return reply.code(201).send({ items: slots.map(viewSlot) });
    },
  );

  app.get(
    '/api/staff/interview-slots',
    {
      config: { access: officers },
      schema: {
        tags,
        summary: 'My slots from today on',
        response: { 200: SlotList, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const from = new Date(deps.clock().getTime() - 24 * 3_600_000);
      const slots = await deps.store.listSlots({ officerId: actorOf(request).accountId, from, limit: 500 });
      return { items: slots.map(viewSlot) };
    },
  );

  app.delete(
    '/api/staff/interview-slots/:id',
    {
      config: { access: officers },
      schema: {
        tags,
        summary: 'Withdraw an open slot of mine',
        params: IdParams,
        response: { 200: OkBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await cancelInterviewSlot({ deps, actor: actorOf(request), slotId: request.params.id });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/applications/:id/interview-slots',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'Open slots I may pick for my application',
        params: IdParams,
        response: { 200: SlotList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => loadOpenSlots({ deps, actor: actorOf(request), applicationId: request.params.id }),
  );

  app.post(
    '/api/applications/:id/interview',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'Book the video interview of my application in an open slot',
        params: IdParams,
        body: BookInterviewBody,
        response: { 201: InterviewView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const interview = await bookInterview({
        deps,
        actor,
        capture: captureOf(request),
        applicationId: request.params.id,
        slotId: request.body.slotId,
      });
      return reply.code(201).send(viewInterview({ interview, actor, now: deps.clock() }));
    },
  );

  app.post(
    '/api/applications/:id/interview/cancel',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'Cancel my scheduled interview to pick another time',
        params: IdParams,
        body: CancelInterviewBody,
        response: { 200: InterviewView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const a = await deps.applications.find(request.params.id);
      const live = a && a.borrowerAccountId === actor.accountId ? await deps.store.liveOf(a.id) : undefined;
      if (!live) throw new AppError('INTERVIEW_NOT_FOUND');
      const interview = await cancelInterview({
        deps,
        actor,
        capture: captureOf(request),
        interview: live,
        reason: request.body.reason ?? 'rescheduled by the borrower',
      });
      return viewInterview({ interview, actor, now: deps.clock() });
    },
  );

  app.get(
    '/api/interviews',
    {
      config: { access: participants },
      schema: {
        tags,
        summary: 'My interviews (and, for borrowers, applications to schedule)',
        response: { 200: MyInterviewsView, ...errorResponses(401, 403) },
      },
    },
    async (request) => loadMyInterviews({ deps, actor: actorOf(request) }),
  );

  app.get(
    '/api/interviews/:id',
    {
      config: { access: participants },
      schema: {
        tags,
        summary: 'An interview I take part in',
        params: IdParams,
        response: { 200: InterviewView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const interview = await interviewOfParticipant({ deps, actor, interviewId: request.params.id });
      return viewInterview({ interview, actor, now: deps.clock() });
    },
  );

  const admission = async (interviewId: string, accountId: string) => {
    const verdict = await admitToRoom({ deps, interviewId, accountId, at: deps.clock() });
    if (verdict.ok)
      return {
        interviewId,
        canJoin: true,
        reason: null,
        role: verdict.admission.participant.role,
        opensAt: verdict.admission.opensAt.toISOString(),
        closesAt: verdict.admission.closesAt.toISOString(),
      };
    const i = verdict.reason === 'not_found' ? undefined : await deps.store.find(interviewId);
    const me = i?.participants.find((p) => p.accountId === accountId);
    const w = i && roomWindow(i);
    return {
      interviewId,
      canJoin: false,
      reason: verdict.reason,
      role: me?.role ?? null,
      opensAt: w?.opensAt.toISOString() ?? null,
      closesAt: w?.closesAt.toISOString() ?? null,
    };
  };

  app.get(
    '/api/interviews/:id/admission',
    {
      config: { access: participants },
      schema: {
        tags,
        summary: 'Whether I may join the interview room now, and why not',
        params: IdParams,
        response: { 200: AdmissionView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const a = await admission(request.params.id, actorOf(request).accountId);
      if (a.reason === 'not_found') throw new AppError('INTERVIEW_NOT_FOUND');
      return a;
    },
  );

  app.post(
    '/api/interviews/:id/join',
    {
      config: { access: participants },
      schema: {
        tags,
        summary: 'Join now (admission check), sharing my location if I consented',
        params: IdParams,
        body: JoinBody,
        response: { 200: AdmissionView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const accountId = actorOf(request).accountId;
      const a = await admission(request.params.id, accountId);
      if (a.reason === 'not_found') throw new AppError('INTERVIEW_NOT_FOUND');
      const loc = request.body.location;
      if (a.canJoin && loc)
        await deps.store.setLocation({
          interviewId: request.params.id,
          accountId,
          location: {
            latitude: loc.latitude,
            longitude: loc.longitude,
            accuracyMeters: loc.accuracyMeters ?? null,
          },
          at: deps.clock(),
        });
      return a;
    },
  );

  app.get(
    '/api/staff/interviews',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary: 'Interviews upcoming, in progress, and waiting for QC',
        response: { 200: InterviewList, ...errorResponses(401, 403) },
      },
    },
    async (request) => loadStaffInterviews({ deps, actor: actorOf(request) }),
  );

  app.get(
    '/api/staff/interviews/:id',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary: 'The interview console: script, questions, prompting, conclusion, QC report',
        params: IdParams,
        response: { 200: InterviewConsoleView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => consoleOf(request),
  );

  const consoleRoute = <B extends TSchema | undefined>(
    path: string,
    summary: string,
    body: B,
    run: (
      request: { params: { id: string }; body: unknown } & Parameters<typeof actorOf>[0],
    ) => Promise<unknown>,
    access: readonly ('loan_officer' | 'risk_officer')[] = officers,
    stepUp = false,
  ) =>
    app.post(
      `/api/staff/interviews/:id/${path}`,
      {
        config: { access, ...(stepUp ? { stepUp: true as const } : {}) },
        schema: {
          tags,
          summary,
          params: IdParams,
          ...(body ? { body } : {}),
          response: { 200: InterviewConsoleView, ...errorResponses(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request) => {
        await run(request as never);
        return consoleOf(request);
      },
    );

  consoleRoute(
    'start',
    'Start the interview: fix the script and draw the questions',
    undefined,
    async (r) => {
      await startInterviewAsOfficer({ deps, actor: actorOf(r), interviewId: r.params.id });
    },
  );
  consoleRoute(
    'confirmations',
    'Record a disclosure confirmed by the borrower (voice or nod)',
    ConfirmDisclosureBody,
    (r) =>
      confirmDisclosure({
        deps,
        actor: actorOf(r),
        interviewId: r.params.id,
        ...(r.body as Static<typeof ConfirmDisclosureBody>),
      }),
  );
  consoleRoute(
    'answers',
    'Record a verification answer as heard (checked against the application)',
    AnswerQuestionBody,
    (r) =>
      answerQuestion({
        deps,
        actor: actorOf(r),
        interviewId: r.params.id,
        ...(r.body as Static<typeof AnswerQuestionBody>),
      }),
  );
  consoleRoute('prompting', 'Flag prompting observed', FlagPromptingBody, (r) =>
    flagPrompting({
      deps,
      actor: actorOf(r),
      interviewId: r.params.id,
      note: (r.body as { note: string }).note,
    }),
  );
  consoleRoute(
    'conclusion',
    'Conclude: pass (→ interviewed, QC) or fail (→ rejected)',
    ConcludeInterviewBody,
    (r) =>
      concludeInterview({
        deps,
        actor: actorOf(r),
        capture: captureOf(r),
        interviewId: r.params.id,
        form: r.body as Static<typeof ConcludeInterviewBody>,
      }),
  );
  consoleRoute(
    'cancel',
    'Cancel the scheduled interview (the borrower picks again)',
    CancelInterviewBody,
    async (r) => {
      const actor = actorOf(r);
      const interview = await interviewOfOfficer({ deps, actor, interviewId: r.params.id });
      await cancelInterview({
        deps,
        actor,
        capture: captureOf(r),
        interview,
        reason: (r.body as { reason?: string }).reason ?? 'cancelled by the officer',
      });
    },
  );
  consoleRoute(
    'qc',
    'Sign the QC report off (→ risk_control) or return it; not the interviewer; second factor within 5 minutes',
    QcDecisionBody,
    (r) =>
      signOffQc({
        deps,
        actor: actorOf(r),
        capture: captureOf(r),
        interviewId: r.params.id,
        ...(r.body as Static<typeof QcDecisionBody>),
      }),
    reviewers,
    true,
  );
};
