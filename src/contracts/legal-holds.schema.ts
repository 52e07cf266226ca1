import Type, { type Static } from 'typebox';
import { IsoDateTime, Text, Uuid } from './common.schema';

const strict = { additionalProperties: false } as const;

/** Placing or releasing a legal hold: why (a case number, a court's order, a complaint). */
export const LegalHoldReasonBody = Type.Object({ reason: Text(500, { minLength: 2 }) }, strict);
export type LegalHoldReasonBody = Static<typeof LegalHoldReasonBody>;

const By = Type.Object({ accountId: Uuid, role: Type.String() }, strict);

export const LegalHoldView = Type.Object(
  {
    id: Uuid,
    applicationId: Uuid,
    reason: Type.String(),
    placedBy: By,
    placedAt: IsoDateTime,
    released: Type.Union([
      Type.Object({ by: By, at: IsoDateTime, reason: Type.String() }, strict),
      Type.Null(),
    ]),
  },
  strict,
);
export type LegalHoldView = Static<typeof LegalHoldView>;

/** An application's legal holds, newest first; `isHeld` when one is in force. */
export const LegalHoldsView = Type.Object(
  { isHeld: Type.Boolean(), items: Type.Array(LegalHoldView) },
  strict,
);
export type LegalHoldsView = Static<typeof LegalHoldsView>;
