import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type RoomRole = 'officer' | 'borrower' | 'guarantor';
type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'closed';
type TrackKind = 'audio' | 'video' | 'screen';

interface Participant {
  accountId: string;
  role: RoomRole;
  displayName: string;
  isConnected: boolean;
  muted: { audio: boolean; video: boolean };
  isSharingScreen: boolean;
}

interface Quality {
  rttMs?: number;
  lossPercent?: number;
  kbpsIn?: number;
  kbpsOut?: number;
}

/** The remote video of one participant's camera or screen, with a frame counter tests can read. */
function RemoteTile({
  participant,
  kind,
  stream,
}: {
  participant: Participant;
  kind: 'video' | 'screen';
  stream: MediaStream | undefined;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLVideoElement>(null);
  const [frames, setFrames] = useState(0);
  useEffect(() => {
    if (ref.current && stream && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  useEffect(() => {
    const timer = setInterval(() => {
      const quality = ref.current?.getVideoPlaybackQuality?.();
      if (quality) setFrames(quality.totalVideoFrames);
    }, 500);
    return () => clearInterval(timer);
  }, []);
  return (
    <figure
      className="room-tile"
      data-testid={`remote-tile-${kind}`}
      data-account-id={participant.accountId}
      data-frames-decoded={frames}
    >
      <video ref={ref} autoPlay playsInline data-testid="remote-video" />
      <figcaption>
        {participant.displayName} · {t(`interviewRoom.role.${participant.role}`)}
        {kind === 'screen' ? ` · ${t('interviewRoom.screen')}` : ''}
        {participant.muted.audio ? ` · ${t('interviewRoom.muted')}` : ''}
        {participant.isConnected ? '' : ` · ${t('interviewRoom.disconnected')}`}
      </figcaption>
    </figure>
  );
}

/** Pre-join check: camera preview, microphone level, device choice. */
function DeviceCheck({ onReady }: { onReady: (stream: MediaStream) => void }) {
  const { t } = useTranslation();
  const preview = useRef<HTMLVideoElement>(null);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [cameraId, setCameraId] = useState<string>('');
  const [micId, setMicId] = useState<string>('');
  const [stream, setStream] = useState<MediaStream>();
  const [level, setLevel] = useState(0);
  const [error, setError] = useState<string>();

  useEffect(() => {
    let isCancelled = false;
    let current: MediaStream | undefined;
    let audioContext: AudioContext | undefined;
    let raf = 0;
    navigator.mediaDevices
      .getUserMedia({
        video: cameraId ? { deviceId: { exact: cameraId } } : true,
        audio: micId ? { deviceId: { exact: micId } } : true,
      })
      .then(async (s) => {
        if (isCancelled) return s.getTracks().forEach((track) => track.stop());
        current = s;
        setStream(s);
        setError(undefined);
        if (preview.current) preview.current.srcObject = s;
        setDevices(await navigator.mediaDevices.enumerateDevices());
        audioContext = new AudioContext();
        const analyser = audioContext.createAnalyser();
        audioContext.createMediaStreamSource(s).connect(analyser);
        const data = new Uint8Array(analyser.fftSize);
        const tick = () => {
          analyser.getByteTimeDomainData(data);
          let peak = 0;
          for (const v of data) peak = Math.max(peak, Math.abs(v - 128));
          setLevel(Math.round((peak / 128) * 100));
          raf = requestAnimationFrame(tick);
        };
        tick();
      })
      .catch((e: Error) => setError(e.name));
    return () => {
      isCancelled = true;
      cancelAnimationFrame(raf);
      void audioContext?.close();
      current?.getTracks().forEach((track) => track.stop());
    };
  }, [cameraId, micId]);

  return (
    <section className="room-device-check" data-testid="device-check">
      <video ref={preview} autoPlay muted playsInline data-testid="device-preview" />
      <meter
        min={0}
        max={100}
        value={level}
        data-testid="mic-level"
        aria-label={t('interviewRoom.micLevel')}
      />
      <label>
        {t('interviewRoom.camera')}
        <select value={cameraId} onChange={(e) => setCameraId(e.target.value)} data-testid="camera-select">
          {devices
            .filter((d) => d.kind === 'videoinput')
            .map((d) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || d.deviceId}
              </option>
            ))}
        </select>
      </label>
      <label>
        {t('interviewRoom.microphone')}
        <select value={micId} onChange={(e) => setMicId(e.target.value)} data-testid="mic-select">
          {devices
            .filter((d) => d.kind === 'audioinput')
            .map((d) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || d.deviceId}
              </option>
            ))}
        </select>
      </label>
      {error && <p role="alert">{t('interviewRoom.deviceError', { error })}</p>}
      <button
        type="button"
        disabled={!stream}
        data-testid="join-room"
        onClick={() => {
          if (!stream) return;
          // Hand the stream over: the check's cleanup must not stop it.
          const handed = stream.clone();
          onReady(handed);
        }}
      >
        {t('interviewRoom.join')}
      </button>
    </section>
  );
}

/**
 * The interview room in the browser: camera and microphone check, the WebRTC connection to the
 * server (which records; the browser cannot stop it), the participants' tiles, mute/camera/screen-share
 * controls, connection quality, reconnect into the same session. docs/interview-media.md.
 */
export function InterviewRoom({
  interviewId,
  role,
  onStateChange,
}: {
  interviewId: string;
  /** The officer gets screen sharing. */
  role: 'officer' | 'borrower' | 'guarantor';
  /** Called when the connection state changes (the page shows it). */
  onStateChange?: (state: 'connecting' | 'connected' | 'reconnecting' | 'closed') => void;
}) {
  const { t } = useTranslation();
  const [local, setLocal] = useState<MediaStream>();
  const [state, setState] = useState<ConnectionState>('connecting');
  const [participants, setParticipants] = useState<Participant[]>([]);
  const [streams, setStreams] = useState<Record<string, MediaStream>>({});
  const [muted, setMuted] = useState({ audio: false, video: false });
  const [isSharing, setIsSharing] = useState(false);
  const [quality, setQuality] = useState<Quality>({});
  const [me, setMe] = useState<string>();
  const [refusal, setRefusal] = useState<'not_found' | 'not_open' | 'closed'>();
  const localVideo = useRef<HTMLVideoElement>(null);
  const socketRef = useRef<WebSocket | undefined>(undefined);
  const pcRef = useRef<RTCPeerConnection | undefined>(undefined);
  const screenSender = useRef<RTCRtpSender | undefined>(undefined);
  const screenTrack = useRef<MediaStreamTrack | undefined>(undefined);
  const iceServers = useRef<RTCIceServer[]>([]);
  const isEnded = useRef(false);

  // The latest callback, read when the state changes: a new function from each render of the parent
  // must not count as a dependency of the connection (it would tear the call down and reconnect).
  const onStateChangeRef = useRef(onStateChange);
  useEffect(() => {
    onStateChangeRef.current = onStateChange;
  }, [onStateChange]);
  const changeState = useCallback((s: ConnectionState) => {
    setState(s);
    onStateChangeRef.current?.(s);
  }, []);

  const send = (message: object) => {
    if (socketRef.current?.readyState === WebSocket.OPEN) socketRef.current.send(JSON.stringify(message));
  };

  useEffect(() => {
    if (localVideo.current && local) localVideo.current.srcObject = local;
  }, [local]);

  useEffect(() => {
    if (!local) return;
    let attempt = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let previous: { at: number; bytesIn: number; bytesOut: number } | undefined;

    const connect = () => {
      changeState(attempt === 0 ? 'connecting' : 'reconnecting');
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      const socket = new WebSocket(`${scheme}://${location.host}/api/interviews/${interviewId}/signal`);
      socketRef.current = socket;
      socket.onopen = () => socket.send(JSON.stringify({ type: 'join' }));
      socket.onmessage = async (event) => {
        const m = JSON.parse(String(event.data));
        if (m.type === 'welcome') {
          setMe(m.you.accountId);
          iceServers.current = m.iceServers ?? [];
          attempt = 0;
        } else if (m.type === 'participants') setParticipants(m.participants);
        else if (m.type === 'refused') setRefusal(m.reason);
        else if (m.type === 'ended') isEnded.current = true;
        else if (m.type === 'offer') {
          pcRef.current?.close();
          const pc = new RTCPeerConnection({ iceServers: iceServers.current });
          pcRef.current = pc;
          const slots = new Map<string, { accountId: string; kind: TrackKind }>(
            m.tracks.map((s: { mid: string; accountId: string; kind: TrackKind }) => [s.mid, s]),
          );
          pc.ontrack = (e) => {
            const slot = slots.get(e.transceiver.mid ?? '');
            if (!slot) return;
            setStreams((all) => {
              const key = `${slot.accountId}:${slot.kind === 'audio' ? 'video' : slot.kind}`;
              const stream = all[key] ?? new MediaStream();
              stream.addTrack(e.track);
              return { ...all, [key]: stream };
            });
          };
          pc.onicecandidate = (e) => {
            if (e.candidate) send({ type: 'candidate', candidate: e.candidate.toJSON() });
          };
          pc.onconnectionstatechange = () => {
            if (pc.connectionState === 'connected') changeState('connected');
            if (pc.connectionState === 'failed') socket.close();
          };
          await pc.setRemoteDescription({ type: 'offer', sdp: m.sdp });
          for (const tr of pc.getTransceivers()) {
            if (tr.mid === m.send.audio) {
              tr.direction = 'sendonly';
              await tr.sender.replaceTrack(local.getAudioTracks()[0] ?? null);
            } else if (tr.mid === m.send.video) {
              tr.direction = 'sendonly';
              await tr.sender.replaceTrack(local.getVideoTracks()[0] ?? null);
            } else if (tr.mid === m.send.screen) {
              tr.direction = 'sendonly';
              screenSender.current = tr.sender;
              if (screenTrack.current) await tr.sender.replaceTrack(screenTrack.current);
            }
          }
          await pc.setLocalDescription(await pc.createAnswer());
          send({ type: 'answer', sdp: pc.localDescription!.sdp });
        }
      };
      socket.onclose = (event) => {
        pcRef.current?.close();
        pcRef.current = undefined;
        if (isEnded.current || event.code === 4000 || (event.code >= 4400 && event.code < 4500)) {
          changeState('closed');
          return;
        }
        // Reconnect into the same session, backing off up to 10 s.
        attempt++;
        changeState('reconnecting');
        retry = setTimeout(connect, Math.min(10_000, 500 * 2 ** Math.min(attempt, 5)));
      };
    };
    connect();

    const statsTimer = setInterval(async () => {
      const pc = pcRef.current;
      if (!pc) return;
      const report = await pc.getStats();
      let rtt: number | undefined;
      let lost = 0;
      let received = 0;
      let bytesIn = 0;
      let bytesOut = 0;
      report.forEach((s) => {
        if (s.type === 'candidate-pair' && s.nominated && s.currentRoundTripTime !== undefined)
          rtt = s.currentRoundTripTime * 1000;
        if (s.type === 'inbound-rtp') {
          lost += s.packetsLost ?? 0;
          received += s.packetsReceived ?? 0;
          bytesIn += s.bytesReceived ?? 0;
        }
        if (s.type === 'outbound-rtp') bytesOut += s.bytesSent ?? 0;
      });
      const now = Date.now();
      const next: Quality = {
        ...(rtt === undefined ? {} : { rttMs: Math.round(rtt) }),
        lossPercent: received + lost > 0 ? Math.round((lost / (received + lost)) * 1000) / 10 : 0,
      };
      if (previous) {
        const seconds = (now - previous.at) / 1000;
        next.kbpsIn = Math.max(0, Math.round(((bytesIn - previous.bytesIn) * 8) / 1000 / seconds));
        next.kbpsOut = Math.max(0, Math.round(((bytesOut - previous.bytesOut) * 8) / 1000 / seconds));
      }
      previous = { at: now, bytesIn, bytesOut };
      setQuality(next);
      send({ type: 'quality', ...next });
    }, 2000);

    return () => {
      clearTimeout(retry);
      clearInterval(statsTimer);
      isEnded.current = true;
      socketRef.current?.close();
      pcRef.current?.close();
      local.getTracks().forEach((track) => track.stop());
      screenTrack.current?.stop();
    };
  }, [local, interviewId, changeState]);

  const toggle = (kind: 'audio' | 'video') => {
    const next = { ...muted, [kind]: !muted[kind] };
    const tracks = kind === 'audio' ? local?.getAudioTracks() : local?.getVideoTracks();
    tracks?.forEach((track) => (track.enabled = !next[kind]));
    setMuted(next);
    send({ type: 'mute', ...next });
  };

  const toggleScreen = async () => {
    if (isSharing) {
      screenTrack.current?.stop();
      screenTrack.current = undefined;
      await screenSender.current?.replaceTrack(null);
      setIsSharing(false);
      send({ type: 'screen', sharing: false });
      return;
    }
    const display = await navigator.mediaDevices.getDisplayMedia({ video: true });
    const track = display.getVideoTracks()[0];
    if (!track) return;
    screenTrack.current = track;
    track.onended = () => void toggleScreen();
    await screenSender.current?.replaceTrack(track);
    setIsSharing(true);
    send({ type: 'screen', sharing: true });
  };

  if (!local) return <DeviceCheck onReady={setLocal} />;
  const others = participants.filter((p) => p.accountId !== me);
  const level =
    quality.rttMs === undefined
      ? 'unknown'
      : (quality.lossPercent ?? 0) > 5 || quality.rttMs > 400
        ? 'poor'
        : 'good';
  return (
    <section className="interview-room" data-testid="interview-room" data-state={state}>
      <p className="room-recording" data-testid="recording-indicator" role="status">
        ● {t('interviewRoom.recording')}
      </p>
      {refusal && <p role="alert">{t(`interviewRoom.refused.${refusal}`)}</p>}
      <p data-testid="connection-state">{t(`interviewRoom.state.${state}`)}</p>
      <p data-testid="connection-quality" data-level={level}>
        {t('interviewRoom.quality', {
          rtt: quality.rttMs ?? '–',
          loss: quality.lossPercent ?? '–',
          kbpsIn: quality.kbpsIn ?? '–',
          kbpsOut: quality.kbpsOut ?? '–',
        })}
      </p>
      <div className="room-tiles">
        <figure className="room-tile" data-testid="local-tile">
          <video ref={localVideo} autoPlay muted playsInline />
          <figcaption>
            {t('interviewRoom.you')} · {t(`interviewRoom.role.${role}`)}
          </figcaption>
        </figure>
        {others.map((p) => (
          <RemoteTile
            key={p.accountId}
            participant={p}
            kind="video"
            stream={streams[`${p.accountId}:video`]}
          />
        ))}
        {others
          .filter((p) => p.isSharingScreen)
          .map((p) => (
            <RemoteTile
              key={`${p.accountId}:screen`}
              participant={p}
              kind="screen"
              stream={streams[`${p.accountId}:screen`]}
            />
          ))}
      </div>
      <div className="room-controls">
        <button
          type="button"
          data-testid="toggle-mic"
          aria-pressed={muted.audio}
          onClick={() => toggle('audio')}
        >
          {muted.audio ? t('interviewRoom.unmute') : t('interviewRoom.mute')}
        </button>
        <button
          type="button"
          data-testid="toggle-camera"
          aria-pressed={muted.video}
          onClick={() => toggle('video')}
        >
          {muted.video ? t('interviewRoom.cameraOn') : t('interviewRoom.cameraOff')}
        </button>
        {role === 'officer' && (
          <>
            <button
              type="button"
              data-testid="toggle-screen"
              aria-pressed={isSharing}
              onClick={() => void toggleScreen()}
            >
              {isSharing ? t('interviewRoom.stopShare') : t('interviewRoom.share')}
            </button>
            <button type="button" data-testid="end-interview" onClick={() => send({ type: 'end' })}>
              {t('interviewRoom.end')}
            </button>
          </>
        )}
      </div>
    </section>
  );
}
