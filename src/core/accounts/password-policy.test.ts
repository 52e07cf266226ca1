import { describe, expect, it } from 'vitest';
import { checkPassword, maskMobile } from './password-policy';

describe('password policy', () => {
  it('accepts long, uncommon passphrases including 64+ characters and CJK', () => {
    expect(checkPassword({ password: 'correct horse battery staple', mobile: '13800138000' })).toBeNull();
    expect(checkPassword({ password: 'x'.repeat(63) + 'y', mobile: '13800138000' })).toBeNull();
    expect(checkPassword({ password: '我的密码是一首很长的诗歌', mobile: '13800138000' })).toBeNull();
  });

  it('names each reason for refusal', () => {
    expect(checkPassword({ password: 'short', mobile: '13800138000' })).toBe('TOO_SHORT');
    expect(checkPassword({ password: 'Password123', mobile: '13800138000' })).toBe('COMMON');
    expect(checkPassword({ password: 'me13800138000', mobile: '13800138000' })).toBe('CONTAINS_MOBILE');
    expect(checkPassword({ password: 'zzzzzzzzzzzz', mobile: '13800138000' })).toBe('ONE_CHARACTER');
    expect(checkPassword({ password: 'a'.repeat(129), mobile: '13800138000' })).toBe('TOO_LONG');
  });

  it('masks mobile numbers', () => {
    expect(maskMobile('13800138000')).toBe('138****8000');
  });
});
