import Type, { type Static } from 'typebox';
import { IsoDateTime, LocalisedText, Text, Uuid } from './common.schema';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const disclosureKeys = [
  'recording_notice',
  'loan_amount',
  'interest_rate',
  'fees',
  'repayment',
  'default_consequences',
  'right_to_refuse',
  'cooling_off',
] as const;
export const questionKeys = [
  'full_name',
  'birth_date',
  'id_last_four',
  'mobile_last_four',
  'loan_purpose',
  'monthly_income_band',
  'employer',
  'employment_status',
  'repayment_method',
  'loan_amount',
  'loan_term',
  'borrowing_for_others',
  'promised_anything',
  'knows_credit_reporting',
] as const;
export const confirmationMethods = ['voice', 'nod'] as const;
export const interviewStatuses = ['scheduled', 'in_progress', 'concluded', 'cancelled'] as const;
export const qcStatuses = ['none', 'waiting', 'signed_off', 'returned'] as const;
export const roomRoles = ['officer', 'borrower', 'guarantor'] as const;
export const joinRefusals = ['not_found', 'not_open', 'closed'] as const;

export const OfferSlotsBody = Type.Object(
  {
    startsAt: IsoDateTime,
    durationMinutes: Type.Integer({ minimum: 15, maximum: 120 }),
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 })),
  },
  strict,
);
export type OfferSlotsBody = Static<typeof OfferSlotsBody>;

export const SlotView = Type.Object(
  {
    id: Uuid,
    startsAt: IsoDateTime,
    durationMinutes: Type.Integer(),
    status: Type.Enum(['open', 'taken', 'cancelled']),
  },
  strict,
);
export type SlotView = Static<typeof SlotView>;
export const SlotList = Type.Object({ items: Type.Array(SlotView) }, strict);

export const BookInterviewBody = Type.Object({ slotId: Uuid }, strict);
export const CancelInterviewBody = Type.Object({ reason: Type.Optional(Text(500)) }, strict);

export const ParticipantView = Type.Object(
  { accountId: Uuid, role: Type.Enum(roomRoles), displayName: Type.String() },
  strict,
);

export const InterviewView = Type.Object(
  {
    id: Uuid,
    applicationId: Uuid,
    status: Type.Enum(interviewStatuses),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    opensAt: IsoDateTime,
    closesAt: IsoDateTime,
    myRole: Nullable(Type.Enum(roomRoles)),
    canJoinNow: Type.Boolean(),
    participants: Type.Array(ParticipantView),
    outcome: Nullable(Type.Enum(['pass', 'fail'])),
    qcStatus: Type.Enum(qcStatuses),
  },
  strict,
);
export type InterviewView = Static<typeof InterviewView>;
export const InterviewList = Type.Object({ items: Type.Array(InterviewView) }, strict);

/** For the borrower's page: applications waiting for an interview, with the open slots. */
export const SchedulableApplication = Type.Object(
  { id: Uuid, reference: Type.String(), productCode: Type.String() },
  strict,
);
export const MyInterviewsView = Type.Object(
  {
    interviews: Type.Array(InterviewView),
    schedulable: Type.Array(SchedulableApplication),
  },
  strict,
);
export type MyInterviewsView = Static<typeof MyInterviewsView>;

export const AdmissionView = Type.Object(
  {
    interviewId: Uuid,
    canJoin: Type.Boolean(),
    /** Why not (null when the caller may join now). */
    reason: Nullable(Type.Enum(joinRefusals)),
    role: Nullable(Type.Enum(roomRoles)),
    opensAt: Nullable(IsoDateTime),
    closesAt: Nullable(IsoDateTime),
  },
  strict,
);
export type AdmissionView = Static<typeof AdmissionView>;

export const JoinBody = Type.Object(
  {
    location: Type.Optional(
      Type.Object(
        {
          latitude: Type.Number({ minimum: -90, maximum: 90 }),
          longitude: Type.Number({ minimum: -180, maximum: 180 }),
          accuracyMeters: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000 })),
        },
        strict,
      ),
    ),
  },
  strict,
);
export type JoinBody = Static<typeof JoinBody>;

export const ConfirmDisclosureBody = Type.Object(
  { key: Type.Enum(disclosureKeys), method: Type.Enum(confirmationMethods) },
  strict,
);
export const AnswerQuestionBody = Type.Object({ key: Type.Enum(questionKeys), answer: Text(200) }, strict);
export const FlagPromptingBody = Type.Object({ note: Text(500) }, strict);
export const ConcludeInterviewBody = Type.Object(
  {
    isIdentityConfirmed: Type.Boolean(),
    isWillingnessConfirmed: Type.Boolean(),
    isPromptingAbsent: Type.Boolean(),
    findings: Text(2000, { minLength: 0 }),
    outcome: Type.Enum(['pass', 'fail']),
    reasons: Type.Array(Text(300), { maxItems: 10 }),
  },
  strict,
);
export type ConcludeInterviewBody = Static<typeof ConcludeInterviewBody>;
export const QcDecisionBody = Type.Object(
  { decision: Type.Enum(['sign_off', 'return']), reason: Text(1000) },
  strict,
);

const ScriptItemView = Type.Object(
  {
    key: Type.Enum(disclosureKeys),
    text: LocalisedText,
    confirmation: LocalisedText,
    confirmed: Nullable(
      Type.Object(
        { method: Type.Enum(confirmationMethods), at: IsoDateTime, offsetSeconds: Nullable(Type.Integer()) },
        strict,
      ),
    ),
  },
  strict,
);

/** The officer's console (and the QC reviewer's view). */
export const InterviewConsoleView = Type.Object(
  {
    ...InterviewView.properties,
    startedAt: Nullable(IsoDateTime),
    isInterviewer: Type.Boolean(),
    canSignOffQc: Type.Boolean(),
    script: Nullable(
      Type.Object(
        {
          version: Type.String(),
          terms: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
          items: Type.Array(ScriptItemView),
        },
        strict,
      ),
    ),
    questions: Type.Array(
      Type.Object(
        {
          key: Type.Enum(questionKeys),
          text: LocalisedText,
          answer: Nullable(Type.String()),
          isMatch: Nullable(Type.Boolean()),
          offsetSeconds: Nullable(Type.Integer()),
        },
        strict,
      ),
    ),
    prompting: Type.Array(
      Type.Object({ at: IsoDateTime, offsetSeconds: Nullable(Type.Integer()), note: Type.String() }, strict),
    ),
    conclusion: Nullable(
      Type.Object(
        {
          isIdentityConfirmed: Type.Boolean(),
          isWillingnessConfirmed: Type.Boolean(),
          isPromptingAbsent: Type.Boolean(),
          findings: Type.String(),
          outcome: Type.Enum(['pass', 'fail']),
          reasons: Type.Array(Type.String()),
        },
        strict,
      ),
    ),
    qc: Type.Object(
      {
        status: Type.Enum(qcStatuses),
        byAccountId: Nullable(Uuid),
        at: Nullable(IsoDateTime),
        reason: Nullable(Type.String()),
        /** The QC report (core/interview/qc-report.ts): coverage, questions, prompting, face, recording, alerts, missing. */
        report: Type.Unknown(),
      },
      strict,
    ),
  },
  strict,
);
export type InterviewConsoleView = Static<typeof InterviewConsoleView>;
