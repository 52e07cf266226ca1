import { describe, expect, it } from 'vitest';
import { evidenceTypes } from '../../../../src/contracts/ledger.schema';
import en from '../../i18n/en.json';
import zhCN from '../../i18n/zh-CN.json';
import { evidenceTypeLabelKeys } from './evidence-type-labels';

describe('evidence type labels', () => {
  it('label every evidence type of the contract, each with its own key', () => {
    const keys = evidenceTypes.map((type) => evidenceTypeLabelKeys[type]);
    expect(keys.every(Boolean)).toBe(true);
    expect(new Set(keys).size).toBe(evidenceTypes.length);
    expect(Object.keys(evidenceTypeLabelKeys).sort()).toEqual([...evidenceTypes].sort());
  });

  it('have a non-empty, distinct text in both languages and no unused labels', () => {
    for (const catalogue of [zhCN, en]) {
      const texts = evidenceTypes.map((type) => catalogue.ledger.types[evidenceTypeLabelKeys[type]]);
      expect(texts.every((text) => text.trim().length > 0)).toBe(true);
      expect(new Set(texts).size).toBe(texts.length);
      expect(Object.keys(catalogue.ledger.types).sort()).toEqual(Object.values(evidenceTypeLabelKeys).sort());
    }
  });
});
