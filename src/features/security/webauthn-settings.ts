/** How long a WebAuthn ceremony may take (the browser's timeout, and the server-side challenge's life). */
export const WEBAUTHN_TIMEOUT_MS = 120_000;
