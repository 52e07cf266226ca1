import { randomBytes } from 'node:crypto';

/**
 * Random bytes from the CSPRNG, drawn 8 KiB at a time: a request seals several values and commits to
 * several salts, and one system call per draw was a measurable share of a request here. Every byte is
 * handed out once and wiped from the pool as it leaves.
 */
export const randomPool = (() => {
  let pool = Buffer.alloc(0);
  let offset = 0;
  return (n: number): Buffer => {
    if (offset + n > pool.length) {
      pool = randomBytes(Math.max(8192, n));
      offset = 0;
    }
    const out = Buffer.from(pool.subarray(offset, offset + n));
    pool.fill(0, offset, offset + n);
    offset += n;
    return out;
  };
})();
