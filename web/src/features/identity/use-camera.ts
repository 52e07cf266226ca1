import { useCallback, useEffect, useRef, useState } from 'react';

/** The front camera in a <video>, opened on demand and closed when the component goes away. */
export function useCamera() {
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const [isOn, setIsOn] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const stop = useCallback(() => {
    streamRef.current?.getTracks().forEach((track) => track.stop());
    streamRef.current = null;
    setIsOn(false);
  }, []);

  const start = useCallback(async () => {
    setError(null);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } },
        audio: false,
      });
      streamRef.current = stream;
      const video = videoRef.current!;
      video.srcObject = stream;
      await video.play();
      setIsOn(true);
      return true;
    } catch (e) {
      setError(e);
      stop();
      return false;
    }
  }, [stop]);

  useEffect(() => stop, [stop]);
  return { videoRef, isOn, error, start, stop };
}
