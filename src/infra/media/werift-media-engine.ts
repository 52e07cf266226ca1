import { join } from 'node:path';
import type { MediaEngine } from '../../features/interview-media/interview-media.ports';
import { MediaRoom, type RTCIceServerLike } from './media-room';

/** Rooms on this process, werift as every browser's peer; recordings under `recordingsDir/<interviewId>/`. */
export function createWeriftMediaEngine({
  recordingsDir,
  iceServers,
  clock,
}: {
  recordingsDir: string;
  iceServers: readonly RTCIceServerLike[];
  clock: () => Date;
}): MediaEngine {
  return {
    iceServers,
    openRoom: ({ interviewId, sessionId, invited }) =>
      new MediaRoom({
        interviewId,
        sessionId,
        dir: join(recordingsDir, interviewId),
        iceServers: [...iceServers],
        invited,
        clock,
      }) as never,
  };
}
