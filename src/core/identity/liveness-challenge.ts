/**
 * The active liveness challenge the borrower performs in front of the camera (活体检测动作). The
 * server picks it at random when a face check starts, so a recording made in advance does not know it.
 * CONTRACT (used by features/identity): the names and `pickChallenge` are fixed; how a challenge is
 * judged lives in judge-face-verification.ts.
 */
export const livenessChallenges = ['turn_left', 'turn_right'] as const;
export type LivenessChallenge = (typeof livenessChallenges)[number];

/** `random` is a uniform number in [0, 1) drawn by the caller (core takes no randomness of its own). */
export function pickChallenge(random: number): LivenessChallenge {
  return livenessChallenges[
    Math.min(livenessChallenges.length - 1, Math.floor(random * livenessChallenges.length))
  ]!;
}
