import { sha256 } from './sha256';

/**
 * The root of the empty tree, SHA-256 of no bytes (RFC 6962 §2.1: MTH({}) = SHA-256()). Shared: callers
 * must not write into it.
 */
export const EMPTY_ROOT: Buffer = sha256();
