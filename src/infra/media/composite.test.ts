import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCompositeArgs, gridOf } from './composite';

const dir = mkdtempSync(join(tmpdir(), 'mq-composite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('buildCompositeArgs', () => {
  const segment = (path: string, offsetMs: number, durationMs = 2000) => ({
    path,
    offsetMs,
    durationMs,
    hasVideo: true,
    hasAudio: true,
  });

  it('keeps the gaps between segments in time, stacks tiles, mixes audio and draws the Beijing clock', () => {
    const args = buildCompositeArgs({
      tiles: [
        { label: '信贷员 officer · 上海', segments: [segment('/r/a1.webm', 0), segment('/r/a2.webm', 5000)] },
        { label: '借款人 borrower', segments: [segment('/r/b1.webm', 500)] },
      ],
      sessionStart: new Date('2026-11-29T02:00:00Z'),
      outputPath: '/r/out.webm',
      workDir: dir,
    });
    expect(args.filter((a, i) => args[i - 1] === '-i')).toEqual(['/r/a1.webm', '/r/a2.webm', '/r/b1.webm']);
    const graph = args[args.indexOf('-filter_complex') + 1]!;
    // officer: 0–2 s, a 3 s gap of black and silence, 5–7 s; borrower: 0.5 s gap, 0.5–2.5 s, then to 7 s.
    expect(graph).toContain('color=c=black:s=640x360:r=15:d=3.000');
    expect(graph).toContain('anullsrc=r=48000:cl=stereo,atrim=0:3.000');
    expect(graph).toContain('d=0.500');
    expect(graph).toContain('d=4.500');
    expect(graph).toContain('concat=n=3:v=1:a=1[tv0][ta0]');
    expect(graph).toContain('concat=n=3:v=1:a=1[tv1][ta1]');
    expect(graph).toContain('amix=inputs=2');
    expect(graph).toContain('xstack=inputs=2:layout=0_0|640_0');
    expect(graph).toContain('fontfile=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc');
    expect(readFileSync(join(dir, 'clock.txt'), 'utf8')).toBe(
      `北京时间 Beijing %{pts:localtime:${Date.parse('2026-11-29T02:00:00Z') / 1000}}`,
    );
    expect(readFileSync(join(dir, 'label-0.txt'), 'utf8')).toBe('信贷员 officer · 上海');
    // The whole session: the last segment ends at 7 s.
    expect(args.slice(-5)).toEqual(['-t', '7.000', '-f', 'webm', '/r/out.webm']);
    expect(args).toContain('libvpx');
    expect(args).toContain('libopus');
  });

  it('pads the grid and puts silence where a segment has no audio', () => {
    const args = buildCompositeArgs({
      tiles: [1, 2, 3].map((n) => ({
        label: `t${n}`,
        segments: [{ path: `/r/${n}.webm`, offsetMs: 0, durationMs: 1000, hasVideo: true, hasAudio: false }],
      })),
      sessionStart: new Date(),
      outputPath: '/r/out.webm',
      workDir: dir,
    });
    const graph = args[args.indexOf('-filter_complex') + 1]!;
    expect(graph).toContain('xstack=inputs=4');
    expect(graph).toContain('[0:v]');
    expect(graph).not.toContain('[0:a]');
    expect(graph).toContain('anullsrc');
    expect(graph).toContain('amix=inputs=3');
  });

  it('chooses grids up to six tiles', () => {
    expect([1, 2, 3, 4, 5, 6].map(gridOf)).toEqual([
      { cols: 1, rows: 1 },
      { cols: 2, rows: 1 },
      { cols: 2, rows: 2 },
      { cols: 2, rows: 2 },
      { cols: 3, rows: 2 },
      { cols: 3, rows: 2 },
    ]);
  });
});
