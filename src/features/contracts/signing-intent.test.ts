import { describe, expect, it } from 'vitest';
import { SIGNING_INTENT_VERSION } from '../../contracts/loan-contracts.schema';
import { SIGNING_INTENT } from '../../core/contract/signing-intent';

describe('the signing intent statement', () => {
  it('has one version, shared by the API schema and the texts, in both languages', () => {
    expect(SIGNING_INTENT.version).toBe(SIGNING_INTENT_VERSION);
    expect(SIGNING_INTENT.text['zh-CN']).toContain('自愿');
    expect(SIGNING_INTENT.text.en).toContain('free will');
  });
});
