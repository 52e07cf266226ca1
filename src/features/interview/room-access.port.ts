/**
 * What the interview room (signalling and media, `src/features/interview-media`) asks of interviews
 * (`src/features/interview`): who may enter a room, as what, and when. Scheduling owns the answer;
 * the media side never decides it.
 */
export type RoomRole = 'officer' | 'borrower' | 'guarantor';

export interface RoomParticipant {
  accountId: string;
  role: RoomRole;
  /** Display name shown on the tile (not an ID number). */
  displayName: string;
  /**
   * Where the participant said they were when joining (shared with consent, optional), for the tile's
   * overlay; absent or null when not shared. (Added by the interview work: an optional member.)
   */
  location?: { latitude: number; longitude: number; accuracyMeters: number | null; at: Date } | null;
}

export interface RoomAdmission {
  interviewId: string;
  applicationId: string;
  participant: RoomParticipant;
  /** Everyone invited to the room (up to 6). */
  participants: RoomParticipant[];
  /** The room may be entered from … until … (near the slot). */
  opensAt: Date;
  closesAt: Date;
}

export interface InterviewRoomAccess {
  /**
   * The admission of `accountId` to interview `interviewId` at `at`, or a refusal: `not_found` (no such
   * interview, or the account is not one of its participants — the same answer, so ids cannot be
   * probed), `not_open` (too early or too late), `closed` (the interview has ended).
   */
  admit(input: {
    interviewId: string;
    accountId: string;
    at: Date;
  }): Promise<
    { ok: true; admission: RoomAdmission } | { ok: false; reason: 'not_found' | 'not_open' | 'closed' }
  >;
  /** Called by the media side when the room's first participant connects (the interview is in progress). */
  started(input: { interviewId: string; at: Date }): Promise<void>;
}
