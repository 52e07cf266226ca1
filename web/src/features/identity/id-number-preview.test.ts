import { describe, expect, it } from 'vitest';
import { previewIdNumber } from './id-number-preview';

describe('ID number preview', () => {
  it('reads birth date and sex, and nothing from a partial number', () => {
    expect(previewIdNumber('11010519491231002x')).toEqual({ birthDate: '1949-12-31', sex: 'female' });
    expect(previewIdNumber('110105194912310')).toBeNull();
  });
});
