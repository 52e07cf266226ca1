/**
 * What an uploaded document may be: PDF, JPEG or PNG, the declared type matching the file's magic
 * bytes and its extension, and no active content in PDFs (scripts, launch actions, embedded files).
 * This is an allow-list, not an antivirus: see docs/architecture.md for what it does not catch.
 */
export const allowedDocumentTypes = {
  'application/pdf': { extensions: ['.pdf'], magic: [Buffer.from('%PDF-')] },
  'image/jpeg': { extensions: ['.jpg', '.jpeg'], magic: [Buffer.from([0xff, 0xd8, 0xff])] },
  'image/png': {
    extensions: ['.png'],
    magic: [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  },
} as const;

export type DocumentContentType = keyof typeof allowedDocumentTypes;

export type UploadProblem =
  'TYPE_NOT_ALLOWED' | 'CONTENT_MISMATCH' | 'EXTENSION_MISMATCH' | 'ACTIVE_CONTENT' | 'EMPTY';

export type UploadInspection =
  | { ok: true; contentType: DocumentContentType; filename: string }
  | { ok: false; problem: UploadProblem; message: string };

/** PDF name objects that run code or carry other files. */
const ACTIVE_PDF_NAMES = /\/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)(?![A-Za-z0-9])/;

/** A safe display name: last path segment, no control or path characters, at most 120 characters. */
export function sanitiseFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim()
    .slice(-120);
  return cleaned.length > 0 && cleaned !== '.' && cleaned !== '..' ? cleaned : 'document';
}

/** Inspects an upload before it is stored. */
export function inspectUpload({
  bytes,
  declaredType,
  filename,
}: {
  bytes: Buffer;
  declaredType: string;
  filename: string;
}): UploadInspection {
  const type = declaredType.split(';')[0]!.trim().toLowerCase();
  if (!(type in allowedDocumentTypes))
    return { ok: false, problem: 'TYPE_NOT_ALLOWED', message: 'Only PDF, JPEG and PNG files are accepted' };
  if (bytes.length === 0) return { ok: false, problem: 'EMPTY', message: 'The file is empty' };
  const rule = allowedDocumentTypes[type as DocumentContentType];
  if (!rule.magic.some((m) => bytes.subarray(0, m.length).equals(m)))
    return { ok: false, problem: 'CONTENT_MISMATCH', message: `The file's content is not ${type}` };
  const safeName = sanitiseFilename(filename);
  const lower = safeName.toLowerCase();
  if (!rule.extensions.some((ext) => lower.endsWith(ext)))
    return {
      ok: false,
      problem: 'EXTENSION_MISMATCH',
      message: `A ${type} file must be named ${rule.extensions.join(' or ')}`,
    };
  if (type === 'application/pdf' && ACTIVE_PDF_NAMES.test(bytes.toString('latin1')))
    return {
      ok: false,
      problem: 'ACTIVE_CONTENT',
      message: 'PDFs with scripts, launch actions or embedded files are refused',
    };
  return { ok: true, contentType: type as DocumentContentType, filename: safeName };
}
