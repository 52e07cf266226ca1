import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type {
  MediaComposer,
  RecordedSegmentInfo,
} from '../../features/interview-media/interview-media.ports';
import { buildCompositeArgs, probeMedia, runTool, type CompositeTile } from './composite';

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const roleLabel: Record<string, string> = {
  officer: '信贷员 officer',
  borrower: '借款人 borrower',
  guarantor: '担保人 guarantor',
};

/** The composite recording made with the system's ffmpeg/ffprobe (spawned with argument arrays). */
export function createFfmpegComposer({
  recordingsDir,
  ffmpeg = '/usr/bin/ffmpeg',
  ffprobe = '/usr/bin/ffprobe',
}: {
  recordingsDir: string;
  ffmpeg?: string;
  ffprobe?: string;
}): MediaComposer {
  return {
    async composite({ interviewId, sessionId, sessionStart, segments }) {
      const dir = join(recordingsDir, interviewId);
      const workDir = join(dir, `${sessionId}-work`);
      mkdirSync(workDir, { recursive: true });
      const usable: (RecordedSegmentInfo & { durationMs: number; hasVideo: boolean; hasAudio: boolean })[] =
        [];
      for (const s of segments) {
        try {
          if (statSync(s.path).size === 0) continue;
          const probe = await probeMedia(s.path, ffprobe, { isDurationFromPackets: true });
          if (probe.durationMs > 0 && (probe.hasAudio || probe.hasVideo)) usable.push({ ...s, ...probe });
        } catch {
          // A segment that never received media (or no file at all) is skipped.
        }
      }
      if (usable.length === 0) return undefined;
      const tiles = new Map<string, CompositeTile>();
      const described: NonNullable<Awaited<ReturnType<MediaComposer['composite']>>>['segments'] = [];
      for (const s of usable.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())) {
        const key = `${s.accountId}:${s.kind}`;
        const offsetMs = Math.max(0, s.startedAt.getTime() - sessionStart.getTime());
        const label =
          (roleLabel[s.role] ?? s.role) +
          (s.kind === 'screen' ? ' · 屏幕 screen' : '') +
          (s.location ? ` · ${s.location}` : '');
        const tile = tiles.get(key) ?? { label, segments: [] };
        tile.segments.push({
          path: s.path,
          offsetMs,
          durationMs: s.durationMs,
          hasVideo: s.hasVideo,
          hasAudio: s.hasAudio,
        });
        tiles.set(key, tile);
        described.push({
          accountId: s.accountId,
          role: s.role,
          kind: s.kind,
          file: basename(s.path),
          offsetMs,
          durationMs: s.durationMs,
        });
      }
      const outputPath = join(dir, `${sessionId}.webm`);
      await runTool(
        ffmpeg,
        buildCompositeArgs({ tiles: [...tiles.values()], sessionStart, outputPath, workDir }),
        { env: { TZ: 'Asia/Shanghai' } },
      );
      const probe = await probeMedia(outputPath, ffprobe);
      return {
        path: outputPath,
        sha256: await sha256OfFile(outputPath),
        durationMs: probe.durationMs,
        sizeBytes: statSync(outputPath).size,
        segments: described,
      };
    },
  };
}
