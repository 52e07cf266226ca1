/** Password hashing with a memory-hard KDF (Argon2id in the adapter). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(input: { hash: string; password: string }): Promise<boolean>;
}
