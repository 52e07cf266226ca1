import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  MediaStreamTrack,
  RTCPeerConnection,
  RTCRtpCodecParameters,
  RtpPacket,
  type RTCRtpTransceiver,
} from 'werift';
import { MediaRecorder } from 'werift/nonstandard';

export type TrackKind = 'audio' | 'video' | 'screen';
const KINDS: readonly TrackKind[] = ['audio', 'video', 'screen'];

export interface MediaParticipant {
  accountId: string;
  role: string;
  displayName: string;
}

/** One file the server wrote for one participant's connection (camera = audio+video, or screen). */
export interface RecordedSegment {
  accountId: string;
  role: string;
  kind: 'camera' | 'screen';
  path: string;
  /** The first media packet's arrival time. */
  startedAt: Date;
  endedAt: Date;
  /** The location text the participant consented to show, if any. */
  location: string | undefined;
}

/** What the room sends to one browser (the signalling layer serialises it). */
export type ServerSignal =
  | {
      type: 'offer';
      sdp: string;
      /** Which participant's which track each sending m-line (mid) carries. */
      tracks: { mid: string; accountId: string; kind: TrackKind }[];
      /** The mids the browser sends on: its microphone, camera and screen share. */
      send: { audio: string; video: string; screen: string };
    }
  | { type: 'candidate'; candidate: { candidate: string; sdpMid?: string; sdpMLineIndex?: number } };

interface Peer {
  participant: MediaParticipant;
  pc: RTCPeerConnection;
  send: (message: ServerSignal) => void;
  recv: Record<TrackKind, RTCRtpTransceiver>;
  /** Tracks this peer receives from others, keyed `${accountId}:${kind}`. */
  relays: Map<string, MediaStreamTrack>;
  incoming: Partial<Record<TrackKind, MediaStreamTrack>>;
  recorders: MediaRecorder[];
  segments: RecordedSegment[];
  location: string | undefined;
  timers: NodeJS.Timeout[];
  negotiating: boolean;
  isClosed: boolean;
}

const codecs = {
  video: [
    new RTCRtpCodecParameters({
      mimeType: 'video/VP8',
      clockRate: 90000,
      rtcpFeedback: [
        { type: 'nack' },
        { type: 'nack', parameter: 'pli' },
        { type: 'ccm', parameter: 'fir' },
        { type: 'goog-remb' },
      ],
    }),
  ],
  audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2 })],
};

/**
 * One room session on this server: the server is every participant's WebRTC peer (werift), forwards
 * each participant's tracks to every other participant (a small SFU: one relay track per receiver and
 * source track, RTP copied with the extensions stripped, keyframes asked for every 2 s) and records
 * each participant's camera (audio+video) and screen share to WebM — one file per connection segment,
 * `{disableNtp: true}` (docs/interview-media.md, research/feasibility.md §3). The browser cannot stop
 * the recording: it ends when the server closes the room.
 */
export class MediaRoom {
  private readonly peers = new Map<string, Peer>();
  private readonly finished: RecordedSegment[] = [];
  private segmentCounter = 0;
  /** Listeners of a participant's camera RTP (the face sampling's frame tap), kept across reconnects. */
  private readonly videoWatchers = new Map<string, Set<(rtp: Uint8Array) => void>>();
  isClosed = false;
  /** The first media packet of the session (the composite's time zero). */
  firstMediaAt: Date | undefined;

  constructor(
    private readonly options: {
      interviewId: string;
      sessionId: string;
      dir: string;
      iceServers: RTCIceServerLike[];
      /** Everyone invited: each peer gets a sending slot for each of the others' tracks up front. */
      invited: MediaParticipant[];
      clock: () => Date;
    },
  ) {
    mkdirSync(options.dir, { recursive: true });
  }

  get connectedAccounts(): string[] {
    return [...this.peers.keys()];
  }

  /** Connects a participant (again): a previous connection of the same account is closed first. */
  async join({
    participant,
    location,
    send,
  }: {
    participant: MediaParticipant;
    location: string | undefined;
    send: (message: ServerSignal) => void;
  }): Promise<void> {
    if (this.isClosed) throw new Error('room closed');
    await this.leave(participant.accountId);
    const pc = new RTCPeerConnection({
      iceServers: this.options.iceServers as never,
      codecs,
      bundlePolicy: 'max-bundle',
    });
    const recv = {
      audio: pc.addTransceiver('audio', { direction: 'recvonly' }),
      video: pc.addTransceiver('video', { direction: 'recvonly' }),
      screen: pc.addTransceiver('video', { direction: 'recvonly' }),
    };
    const peer: Peer = {
      participant,
      pc,
      send,
      recv,
      relays: new Map(),
      incoming: {},
      recorders: [],
      segments: [],
      location,
      timers: [],
      negotiating: false,
      isClosed: false,
    };
    const others = this.options.invited.filter((p) => p.accountId !== participant.accountId);
    const slots: { transceiver: RTCRtpTransceiver; accountId: string; kind: TrackKind }[] = [];
    for (const other of others)
      for (const kind of KINDS) {
        const relay = new MediaStreamTrack({ kind: kind === 'audio' ? 'audio' : 'video' });
        const transceiver = pc.addTransceiver(relay, { direction: 'sendonly' });
        peer.relays.set(`${other.accountId}:${kind}`, relay);
        slots.push({ transceiver, accountId: other.accountId, kind });
      }
    pc.onTrack.subscribe((track) => {
      const kind = (Object.keys(recv) as TrackKind[]).find(
        (k) => recv[k].receiver.track === track || recv[k].receiver.tracks.includes(track),
      );
      if (kind !== undefined) this.onIncoming(peer, kind, track);
    });
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'failed' || state === 'closed') void this.leaveIf(peer);
    });
    this.peers.set(participant.accountId, peer);
    // Everyone else's video: a keyframe now, so the newcomer's tiles start at once.
    for (const other of this.peers.values()) if (other !== peer) this.requestKeyframe(other);
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    if (peer.isClosed) return;
    send({
      type: 'offer',
      sdp: pc.localDescription!.sdp,
      tracks: slots.map((s) => ({ mid: s.transceiver.mid!, accountId: s.accountId, kind: s.kind })),
      send: { audio: recv.audio.mid!, video: recv.video.mid!, screen: recv.screen.mid! },
    });
    peer.negotiating = true;
  }

  async answer(accountId: string, sdp: string): Promise<void> {
    const peer = this.peers.get(accountId);
    if (!peer || !peer.negotiating) return;
    await peer.pc.setRemoteDescription({ type: 'answer', sdp });
    peer.negotiating = false;
  }

  async candidate(
    accountId: string,
    candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null },
  ): Promise<void> {
    const peer = this.peers.get(accountId);
    if (!peer || candidate.candidate === '') return;
    await peer.pc
      .addIceCandidate({
        candidate: candidate.candidate,
        sdpMid: candidate.sdpMid ?? undefined,
        sdpMLineIndex: candidate.sdpMLineIndex ?? undefined,
      })
      .catch(() => {});
  }

  private onIncoming(peer: Peer, kind: TrackKind, track: MediaStreamTrack) {
    peer.incoming[kind] = track;
    const from = peer.participant.accountId;
    let isFirst = true;
    track.onReceiveRtp.subscribe((rtp) => {
      if (peer.isClosed) return;
      if (isFirst) {
        isFirst = false;
        this.firstMediaAt ??= this.options.clock();
        if (kind !== 'audio') this.requestKeyframe(peer);
      }
      // One copy for all receivers; header extensions are per connection, so they are dropped.
      const copy = RtpPacket.deSerialize(rtp.serialize());
      copy.header.extensions = [];
      copy.header.extension = false;
      const buffer = copy.serialize();
      if (kind === 'video') for (const watch of this.videoWatchers.get(from) ?? []) watch(buffer);
      for (const other of this.peers.values()) {
        if (other === peer || other.isClosed) continue;
        other.relays.get(`${from}:${kind}`)?.writeRtp(buffer);
      }
    });
    if (kind !== 'audio') {
      const timer = setInterval(() => this.requestKeyframe(peer), 2000);
      peer.timers.push(timer);
    }
    this.record(peer, kind, track);
  }

  /** Hands each camera RTP packet of `accountId` (extensions stripped) to `listener`; returns the unsubscribe. */
  watchVideo(accountId: string, listener: (rtp: Uint8Array) => void): () => void {
    let set = this.videoWatchers.get(accountId);
    if (!set) this.videoWatchers.set(accountId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  private record(peer: Peer, kind: TrackKind, track: MediaStreamTrack) {
    const segmentKind = kind === 'screen' ? 'screen' : 'camera';
    let segment = peer.segments.find((s) => s.kind === segmentKind);
    let recorder: MediaRecorder;
    if (segment === undefined) {
      const n = ++this.segmentCounter;
      const path = join(
        this.options.dir,
        `${this.options.sessionId}-${peer.participant.accountId}-${segmentKind}-${n}.webm`,
      );
      segment = {
        accountId: peer.participant.accountId,
        role: peer.participant.role,
        kind: segmentKind,
        path,
        startedAt: this.options.clock(),
        endedAt: this.options.clock(),
        location: peer.location,
      };
      peer.segments.push(segment);
      recorder = new MediaRecorder({
        path,
        numOfTracks: segmentKind === 'screen' ? 1 : 2,
        disableNtp: true,
        disableLipSync: true,
      });
      recorder.onError.subscribe(() => {});
      peer.recorders.push(recorder);
      (segment as RecordedSegment & { recorder?: MediaRecorder }).recorder = recorder;
    } else recorder = (segment as RecordedSegment & { recorder: MediaRecorder }).recorder;
    const started = segment;
    track.onReceiveRtp.once(() => {
      // The segment's time zero: its first packet (the recorder starts when all its tracks have come).
      if (started.startedAt.getTime() === started.endedAt.getTime()) started.startedAt = this.options.clock();
    });
    void recorder.addTrack(track).catch(() => {});
  }

  private requestKeyframe(peer: Peer) {
    for (const kind of ['video', 'screen'] as const) {
      const track = peer.incoming[kind];
      if (track?.ssrc !== undefined) void peer.recv[kind].receiver.sendRtcpPLI(track.ssrc).catch(() => {});
    }
  }

  private async leaveIf(peer: Peer) {
    if (this.peers.get(peer.participant.accountId) === peer) await this.leave(peer.participant.accountId);
  }

  /** Ends a participant's connection: its segments are closed (a reconnect starts new ones). */
  async leave(accountId: string): Promise<void> {
    const peer = this.peers.get(accountId);
    if (!peer) return;
    this.peers.delete(accountId);
    peer.isClosed = true;
    for (const t of peer.timers) clearInterval(t);
    const endedAt = this.options.clock();
    // Not werift's recorder.stop(): on this stream it spun the event loop (0.24.4). Closing the peer
    // ends the RTP; what was written is a playable WebM (its duration is read from the packets).
    for (const r of peer.recorders)
      (r.writer as unknown as { unSubscribers?: { dispose(): void } }).unSubscribers?.dispose();
    for (const s of peer.segments) {
      s.endedAt = endedAt;
      delete (s as RecordedSegment & { recorder?: MediaRecorder }).recorder;
      this.finished.push(s);
    }
    const closing = Promise.resolve()
      .then(() => peer.pc.close())
      .catch(() => {});
    await Promise.race([closing, new Promise((done) => setTimeout(done, 2000))]);
  }

  /** Stops every connection and recorder; returns all segments of the session. */
  async close(): Promise<RecordedSegment[]> {
    this.isClosed = true;
    for (const accountId of [...this.peers.keys()]) await this.leave(accountId);
    return [...this.finished];
  }
}

export interface RTCIceServerLike {
  urls: string | readonly string[];
  username?: string;
  credential?: string;
}
