import Type, { type Static } from 'typebox';
import { IsoDateTime, LocalisedText, Uuid } from './common.schema';

export const DashboardQuery = Type.Object(
  {
    days: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 366,
        default: 30,
        description: 'Period: applications submitted in the last N days',
      }),
    ),
  },
  { additionalProperties: false },
);
export type DashboardQuery = Static<typeof DashboardQuery>;

const Duration = Type.Object(
  {
    count: Type.Integer({ minimum: 0 }),
    medianHours: Type.Union([Type.Number(), Type.Null()]),
    p90Hours: Type.Union([Type.Number(), Type.Null()]),
  },
  { additionalProperties: false },
);

export const OperationsDashboard = Type.Object(
  {
    periodDays: Type.Integer(),
    from: IsoDateTime,
    generatedAt: IsoDateTime,
    percentileMethod: Type.Literal('nearest-rank'),
    submitted: Type.Integer({ minimum: 0 }),
    funnel: Type.Array(
      Type.Object(
        {
          stage: Type.String(),
          reached: Type.Integer({ minimum: 0 }),
          ofSubmitted: Type.Union([Type.Number(), Type.Null()]),
          ofPrevious: Type.Union([Type.Number(), Type.Null()]),
        },
        { additionalProperties: false },
      ),
    ),
    currentByState: Type.Array(
      Type.Object(
        { state: Type.String(), count: Type.Integer({ minimum: 0 }) },
        { additionalProperties: false },
      ),
      { description: 'Every application now, by state (not only the period)' },
    ),
    times: Type.Object(
      { submissionToDecision: Duration, submissionToDisbursement: Duration },
      { additionalProperties: false },
    ),
    workPerRole: Type.Array(
      Type.Object(
        {
          role: Type.String(),
          total: Type.Integer({ minimum: 0 }),
          queues: Type.Array(
            Type.Object(
              { queue: Type.String(), count: Type.Integer({ minimum: 0 }) },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    sla: Type.Object(
      {
        policyVersion: Type.String(),
        rules: Type.Array(
          Type.Object(
            { state: Type.String(), maxHours: Type.Number(), label: LocalisedText },
            { additionalProperties: false },
          ),
        ),
        breachCount: Type.Integer({ minimum: 0 }),
        breaches: Type.Array(
          Type.Object(
            {
              applicationId: Uuid,
              reference: Type.String(),
              state: Type.String(),
              since: IsoDateTime,
              maxHours: Type.Number(),
              hoursOver: Type.Number(),
            },
            { additionalProperties: false },
          ),
          { description: 'The longest over first (at most 100)' },
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type OperationsDashboard = Static<typeof OperationsDashboard>;
