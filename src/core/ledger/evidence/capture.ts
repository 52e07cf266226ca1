/**
 * How a piece of evidence was captured: the client's address and device (user agent) as the server
 * saw them, and a location if the browser gave one. Courts ask how data was produced before it was
 * anchored; the leaf holds salted commitments to these, never the values.
 */
export interface Capture {
  readonly ip?: string | undefined;
  readonly userAgent?: string | undefined;
  readonly location?: string | undefined;
}
