import { describe, expect, it } from 'vitest';
import { classifyLookup, pickApplication, shortHash } from './application-lookup';

const id = '3f2b8c1e-5d4a-4e6f-9a7b-0c1d2e3f4a5b';

describe('classifyLookup', () => {
  it('takes an application id as it is, in lower case', () => {
    expect(classifyLookup(` ${id.toUpperCase()} `)).toEqual({ kind: 'id', id });
  });

  it('recognises a reference in any case', () => {
    expect(classifyLookup('mq-2026-000123')).toEqual({ kind: 'reference', reference: 'MQ-2026-000123' });
  });

  it('leaves other text to the work queue search, and notices an empty box', () => {
    expect(classifyLookup('MQ-2026-123')).toEqual({ kind: 'text', text: 'MQ-2026-123' });
    expect(classifyLookup('某某科技有限公司')).toEqual({ kind: 'text', text: '某某科技有限公司' });
    expect(classifyLookup('   ')).toEqual({ kind: 'empty' });
  });
});

describe('pickApplication', () => {
  const a = { id: 'a', reference: 'MQ-2026-000001' };
  const b = { id: 'b', reference: 'MQ-2026-000002' };

  it('needs no search for an id', () => {
    expect(pickApplication({ kind: 'id', id }, [])).toEqual({ kind: 'found', id });
  });

  it('prefers the exact reference among several matches', () => {
    expect(pickApplication({ kind: 'reference', reference: 'MQ-2026-000002' }, [a, b])).toEqual({
      kind: 'found',
      id: 'b',
    });
  });

  it('takes a single match, reports none, and offers several to choose from', () => {
    expect(pickApplication({ kind: 'text', text: 'x' }, [a])).toEqual({ kind: 'found', id: 'a' });
    expect(pickApplication({ kind: 'reference', reference: 'MQ-2026-000009' }, [])).toEqual({
      kind: 'none',
    });
    expect(pickApplication({ kind: 'text', text: 'x' }, [a, b])).toEqual({
      kind: 'several',
      candidates: [a, b],
    });
  });
});

describe('shortHash', () => {
  it('keeps both ends of a long hash and leaves a short one alone', () => {
    expect(shortHash('0123456789abcdef0123456789abcdef')).toBe('01234567…89abcdef');
    expect(shortHash('abc')).toBe('abc');
  });
});
