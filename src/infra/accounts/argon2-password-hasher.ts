import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../../features/accounts/password-hasher.port';

/** Argon2id, m = 19 MiB, t = 2, p = 1: OWASP's minimum recommendation; ~12 ms per verify here. */
export const argon2Parameters = {
  algorithm: 2 /* Argon2id */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function createArgon2PasswordHasher(): PasswordHasher {
  return {
    hash: (password) => hash(password, argon2Parameters),
    verify: async ({ hash: encoded, password }) => {
      try {
        return await verify(encoded, password);
      } catch {
        return false;
      }
    },
  };
}
