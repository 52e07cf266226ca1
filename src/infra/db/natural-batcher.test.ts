import { describe, expect, it } from 'vitest';
import { createNaturalBatcher } from './natural-batcher';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('natural batching', () => {
  it('runs a lone call at once and groups calls that arrive while a batch is in flight', async () => {
    const batches: number[][] = [];
    const call = createNaturalBatcher<number, number>({
      maxConcurrent: 1,
      run: async (items) => {
        batches.push(items);
        await tick();
        return items.map((i) => i * 10);
      },
    });
    expect(await call(1)).toBe(10);
    await tick();
    const results = await Promise.all([2, 3, 4, 5].map(call));
    expect(results).toEqual([20, 30, 40, 50]);
    expect(batches).toEqual([[1], [2], [3, 4, 5]]);
  });

  it('respects the batch size and the number of batches in flight', async () => {
    let inFlight = 0;
    let maxSeen = 0;
    const sizes: number[] = [];
    const call = createNaturalBatcher<number, number>({
      maxBatch: 3,
      maxConcurrent: 2,
      run: async (items) => {
        inFlight++;
        maxSeen = Math.max(maxSeen, inFlight);
        sizes.push(items.length);
        await tick();
        inFlight--;
        return items;
      },
    });
    expect(await Promise.all(Array.from({ length: 20 }, (_, i) => call(i)))).toEqual(
      Array.from({ length: 20 }, (_, i) => i),
    );
    expect(maxSeen).toBe(2);
    expect(Math.max(...sizes)).toBe(3);
  });

  it('fails only the bad item of a failed batch', async () => {
    const call = createNaturalBatcher<number, number>({
      maxConcurrent: 1,
      run: async (items) => {
        await tick();
        if (items.includes(13)) throw new Error('unlucky');
        return items;
      },
    });
    const first = call(0);
    const answers = await Promise.allSettled([12, 13, 14].map(call));
    await first;
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
