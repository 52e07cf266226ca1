import Type, { type TSchema } from 'typebox';

/**
 * A success response that is not JSON (a signed note, a DER certificate, a file), documented with its
 * own media type on its own status. Route-wide `produces` would give the route's JSON error answers
 * that media type too, and OpenAPI would then promise DER where a client gets `{"error":…}`.
 */
export function mediaResponse(
  contentType: string | readonly string[],
  description: string,
  schema: TSchema = Type.String({ description }),
) {
  return { description, content: Object.fromEntries([contentType].flat().map((type) => [type, { schema }])) };
}

/** The file types an upload may be (PDF, JPEG, PNG: src/core/documents/inspect-upload.ts), served back as they came. */
export const uploadedFileTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/** Raw bytes in OpenAPI. */
export const BinaryString = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' });
