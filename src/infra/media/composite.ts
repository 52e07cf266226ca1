import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One recorded piece of a tile: a WebM written by the server, starting `offsetMs` after the session start. */
export interface CompositeSegment {
  path: string;
  offsetMs: number;
  durationMs: number;
  hasVideo: boolean;
  hasAudio: boolean;
}

/** One tile of the composite: a participant's camera (or their screen share) with its label. */
export interface CompositeTile {
  /** e.g. "officer · 上海市浦东新区" (role and consented location; never a name or ID number). */
  label: string;
  segments: CompositeSegment[];
}

export interface CompositeInput {
  tiles: CompositeTile[];
  /** The session's first media, UTC: the watermark shows Beijing time from here plus elapsed. */
  sessionStart: Date;
  outputPath: string;
  /** Where the small text files for drawtext go (labels; avoids filter escaping). */
  workDir: string;
  fontFile?: string;
  tileWidth?: number;
  tileHeight?: number;
  fps?: number;
}

export const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/** The grid for n tiles: columns and rows (1×1, 2×1, 2×2, 3×2). */
export function gridOf(n: number): { cols: number; rows: number } {
  const cols = n <= 1 ? 1 : n <= 4 ? 2 : 3;
  return { cols, rows: Math.max(1, Math.ceil(n / cols)) };
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/**
 * The ffmpeg argument list (no shell) that makes one playable WebM (VP8 + Opus) of a session: each tile
 * is a black canvas for the whole session with its segments overlaid at their offsets (so gaps between
 * a participant's segments stay in time), tiles are placed in a grid (xstack), every audio track is
 * delayed to its offset and mixed (amix), and the Beijing wall-clock time (session start + elapsed)
 * and each tile's label are drawn on. Writes the drawtext text files into `workDir`.
 */
export function buildCompositeArgs(input: CompositeInput): string[] {
  const { tiles, sessionStart, outputPath, workDir } = input;
  const w = input.tileWidth ?? 640;
  const h = input.tileHeight ?? 360;
  const fps = input.fps ?? 15;
  const font = input.fontFile ?? CJK_FONT;
  if (tiles.length === 0) throw new Error('A composite needs at least one tile');
  const totalMs = Math.max(1000, ...tiles.flatMap((t) => t.segments.map((s) => s.offsetMs + s.durationMs)));
  const args = ['-hide_banner', '-loglevel', 'error', '-y'];
  const filters: string[] = [];
  let inputIndex = 0;
  const audioLabels: string[] = [];
  const tileLabels: string[] = [];
  const fontArg = `fontfile=${font.replace(/\\/g, '/').replace(/:/g, '\\:')}`;
  const normaliseVideo = `fps=${fps},scale=${w}:${h}:force_original_aspect_ratio=decrease,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p`;
  const normaliseAudio = 'aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo';
  tiles.forEach((tile, t) => {
    // Each tile is one timeline: black and silence for the gaps, the segments in between (concat).
    const pieces: string[] = [];
    let cursorMs = 0;
    const gap = (ms: number, k: string) => {
      filters.push(
        `color=c=black:s=${w}x${h}:r=${fps}:d=${seconds(ms)},setsar=1,format=yuv420p[gv${t}_${k}]`,
        `anullsrc=r=48000:cl=stereo,atrim=0:${seconds(ms)},${normaliseAudio}[ga${t}_${k}]`,
      );
      pieces.push(`[gv${t}_${k}][ga${t}_${k}]`);
    };
    [...tile.segments]
      .sort((a, b) => a.offsetMs - b.offsetMs)
      .forEach((segment, s) => {
        args.push('-i', segment.path);
        const i = inputIndex++;
        const startMs = Math.max(segment.offsetMs, cursorMs);
        if (startMs - cursorMs >= 20) gap(startMs - cursorMs, `g${s}`);
        const duration = seconds(segment.durationMs);
        filters.push(
          segment.hasVideo
            ? `[${i}:v]${normaliseVideo},trim=0:${duration},setpts=PTS-STARTPTS[sv${t}_${s}]`
            : `color=c=black:s=${w}x${h}:r=${fps}:d=${duration},setsar=1,format=yuv420p[sv${t}_${s}]`,
          segment.hasAudio
            ? `[${i}:a]${normaliseAudio},atrim=0:${duration},asetpts=PTS-STARTPTS[sa${t}_${s}]`
            : `anullsrc=r=48000:cl=stereo,atrim=0:${duration},${normaliseAudio}[sa${t}_${s}]`,
        );
        pieces.push(`[sv${t}_${s}][sa${t}_${s}]`);
        cursorMs = startMs + segment.durationMs;
      });
    if (totalMs - cursorMs >= 20) gap(totalMs - cursorMs, 'end');
    const labelFile = join(workDir, `label-${t}.txt`);
    writeFileSync(labelFile, tile.label);
    filters.push(
      `${pieces.join('')}concat=n=${pieces.length}:v=1:a=1[tv${t}][ta${t}]`,
      `[tv${t}]drawtext=${fontArg}:textfile=${labelFile.replace(/:/g, '\\:')}:fontsize=20:fontcolor=white:` +
        `box=1:boxcolor=black@0.5:x=8:y=h-th-8[tile${t}]`,
    );
    tileLabels.push(`[tile${t}]`);
    audioLabels.push(`[ta${t}]`);
  });
  const { cols, rows } = gridOf(tiles.length);
  let grid: string;
  if (tiles.length === 1) grid = tileLabels[0]!;
  else {
    // Pad the grid with black tiles so xstack gets a full layout.
    for (let k = tiles.length; k < cols * rows; k++) {
      filters.push(`color=c=black:s=${w}x${h}:r=${fps}:d=${seconds(totalMs)}[pad${k}]`);
      tileLabels.push(`[pad${k}]`);
    }
    const layout = tileLabels.map((_, k) => `${(k % cols) * w}_${Math.floor(k / cols) * h}`).join('|');
    filters.push(`${tileLabels.join('')}xstack=inputs=${tileLabels.length}:layout=${layout}[grid]`);
    grid = '[grid]';
  }
  const epoch = Math.floor(sessionStart.getTime() / 1000);
  const clockFile = join(workDir, 'clock.txt');
  // Expanded by drawtext: the process runs with TZ=Asia/Shanghai, so localtime is Beijing time.
  writeFileSync(clockFile, `北京时间 Beijing %{pts:localtime:${epoch}}`);
  filters.push(
    `${grid}drawtext=${fontArg}:textfile=${clockFile.replace(/:/g, '\\:')}:fontsize=22:fontcolor=white:` +
      `box=1:boxcolor=black@0.6:x=8:y=8,format=yuv420p[vout]`,
  );
  const maps = ['-map', '[vout]'];
  if (audioLabels.length > 0) {
    filters.push(
      audioLabels.length === 1
        ? `${audioLabels[0]}anull[aout]`
        : `${audioLabels.join('')}amix=inputs=${audioLabels.length}:duration=longest:dropout_transition=0:normalize=0[aout]`,
    );
    maps.push('-map', '[aout]');
  }
  args.push('-filter_complex', filters.join(';'), ...maps);
  args.push('-c:v', 'libvpx', '-b:v', '1200k', '-deadline', 'realtime', '-cpu-used', '8', '-r', String(fps));
  if (audioLabels.length > 0) args.push('-c:a', 'libopus', '-b:a', '64k');
  args.push('-t', seconds(totalMs), '-f', 'webm', outputPath);
  return args;
}

/** Runs a media tool with an argument array (never a shell); rejects with its stderr on failure. */
export function runTool(
  command: string,
  args: readonly string[],
  { env = {}, timeoutMs = 30 * 60_000 }: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.length < 200 && err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise(Buffer.concat(out).toString('utf8'));
      else
        reject(new Error(`${command} exited ${code}: ${Buffer.concat(err).toString('utf8').slice(0, 2000)}`));
    });
  });
}

export interface ProbeResult {
  durationMs: number;
  hasVideo: boolean;
  hasAudio: boolean;
  videoCodec: string | undefined;
  audioCodec: string | undefined;
}

/**
 * ffprobe's view of a file: the real duration (the container's, else the longest stream's, else the
 * last packet's time — werift's and Chrome's WebM may lack a duration) and its streams.
 */
export async function probeMedia(
  path: string,
  ffprobe = '/usr/bin/ffprobe',
  { isDurationFromPackets = false }: { isDurationFromPackets?: boolean } = {},
): Promise<ProbeResult> {
  const json = JSON.parse(
    await runTool(ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path]),
  ) as {
    format?: { duration?: string };
    streams?: { codec_type?: string; codec_name?: string; duration?: string }[];
  };
  const streams = json.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video');
  const audio = streams.find((s) => s.codec_type === 'audio');
  // werift's recorder writes a placeholder duration (24 h): segments are measured by their packets.
  let duration = isDurationFromPackets ? NaN : Number(json.format?.duration ?? NaN);
  if (!Number.isFinite(duration)) {
    // Read the last packet's time.
    const packets = await runTool(ffprobe, [
      '-v',
      'error',
      '-show_entries',
      'packet=pts_time',
      '-of',
      'csv=p=0',
      path,
    ]);
    const times = packets
      .split('\n')
      .filter((l) => l.trim() !== '' && l.trim() !== 'N/A')
      .map(Number)
      .filter(Number.isFinite);
    duration = times.length === 0 ? 0 : Math.max(...times) - Math.min(...times);
  }
  return {
    durationMs: Math.round(duration * 1000),
    hasVideo: video !== undefined,
    hasAudio: audio !== undefined,
    videoCodec: video?.codec_name,
    audioCodec: audio?.codec_name,
  };
}
