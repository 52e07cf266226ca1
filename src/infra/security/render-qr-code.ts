import QRCode from 'qrcode';

/** The text as a QR code in an SVG `data:` URL (medium error correction, quiet zone included). */
export async function renderQrCode(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
