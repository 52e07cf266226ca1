import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import type { FrameGrabber, FrameTap } from '../../features/interview-media/interview-media.ports';

/** The dynamic RTP payload type the SDP declares for VP8; packets are rewritten to it. */
const VP8_PAYLOAD_TYPE = 96;

/** A free even UDP port on the loopback (ffmpeg also binds the next one for RTCP). */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const socket = createSocket('udp4');
    const port = await new Promise<number>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve(socket.address().port));
    });
    socket.close();
    if (port % 2 === 0 && port < 65534) return port;
  }
  throw new Error('no free even UDP port');
}

/** Splits ffmpeg's MJPEG image2pipe output into whole JPEGs (SOI FFD8 … EOI FFD9). */
export function jpegSplitter(onJpeg: (jpeg: Uint8Array) => void) {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      const start = pending.indexOf(Buffer.from([0xff, 0xd8]));
      if (start < 0) {
        pending = Buffer.alloc(0);
        return;
      }
      const end = pending.indexOf(Buffer.from([0xff, 0xd9]), start + 2);
      if (end < 0) {
        pending = pending.subarray(start);
        return;
      }
      onJpeg(new Uint8Array(pending.subarray(start, end + 2)));
      pending = pending.subarray(end + 2);
    }
  };
}

/**
 * Frames from a participant's VP8 RTP (docs/interview-media.md, "Live identity check"): one `ffmpeg`
 * per tap (argument array, no shell) reads RTP on a loopback UDP port described by an SDP on its
 * stdin, decodes it and writes `framesPerSecond` JPEGs (at most 640 px wide) to stdout. The room's
 * keyframe requests (every 2 s) let the decoder start or recover. MJPEG frames are whole JPEGs: each
 * is split on its start and end markers (the encoder escapes 0xFF in the data, so FFD9 only ends it).
 */
export function createFfmpegFrameGrabber({
  ffmpegPath = '/usr/bin/ffmpeg',
}: { ffmpegPath?: string } = {}): FrameGrabber {
  return {
    async open({ framesPerSecond, onFrame }): Promise<FrameTap> {
      const port = await freePort();
      const sdp = [
        'v=0',
        'o=- 0 0 IN IP4 127.0.0.1',
        's=mianqian-frame-tap',
        'c=IN IP4 127.0.0.1',
        't=0 0',
        `m=video ${port} RTP/AVP ${VP8_PAYLOAD_TYPE}`,
        `a=rtpmap:${VP8_PAYLOAD_TYPE} VP8/90000`,
        'a=recvonly',
        '',
      ].join('\r\n');
      const child = spawn(
        ffmpegPath,
        [
          '-hide_banner',
          '-loglevel',
          'error',
          '-protocol_whitelist',
          'pipe,udp,rtp',
          '-fflags',
          'nobuffer',
          '-analyzeduration',
          '500000',
          '-probesize',
          '65536',
          '-f',
          'sdp',
          '-i',
          'pipe:0',
          '-an',
          '-vf',
          `fps=${framesPerSecond},scale='min(640,iw)':-2`,
          '-q:v',
          '5',
          '-f',
          'image2pipe',
          '-vcodec',
          'mjpeg',
          '-flush_packets',
          '1',
          'pipe:1',
        ],
        { stdio: ['pipe', 'pipe', 'ignore'] },
      );
      child.stdin.end(sdp);
      child.stdout.on('data', jpegSplitter(onFrame));
      child.on('error', () => {});
      const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
      const udp = createSocket('udp4');
      udp.on('error', () => {});
      let isClosed = false;
      return {
        write(rtp) {
          if (isClosed || rtp.length < 12) return;
          const packet = Buffer.from(rtp);
          packet[1] = (packet[1]! & 0x80) | VP8_PAYLOAD_TYPE;
          udp.send(packet, port, '127.0.0.1');
        },
        async close() {
          if (isClosed) return;
          isClosed = true;
          udp.close();
          child.kill('SIGTERM');
          await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
          if (child.exitCode === null) child.kill('SIGKILL');
        },
      };
    },
  };
}
