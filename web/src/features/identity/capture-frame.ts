/** Longest side of a captured frame: enough for the face engine, small enough to upload on a phone. */
const maxSide = 640;

/**
 * One camera frame as base64 JPEG. The frame is drawn as the camera delivers it, not mirrored like the
 * on-screen preview, so "left" means the person's own left for the server.
 */
export async function captureFrame(video: HTMLVideoElement): Promise<string> {
  const scale = Math.min(1, maxSide / Math.max(video.videoWidth, video.videoHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  canvas.getContext('2d')!.drawImage(video, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no frame'))), 'image/jpeg', 0.85),
  );
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
