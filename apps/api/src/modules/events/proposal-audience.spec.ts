import { describe, expect, it } from 'vitest';
import { proposalIsFor } from './proposal-audience';

describe('proposalIsFor', () => {
  const person = { regions: ['cardiff-vale'], conditions: ['dementia', 'stroke'] };

  it('shows a proposal in one of their regions that shares a condition', () => {
    expect(proposalIsFor({ region: 'cardiff-vale', conditions: ['stroke', 'copd'] }, person)).toBe(true);
  });

  it('treats no region as all Wales and no condition as open to all', () => {
    expect(proposalIsFor({ region: null, conditions: [] }, person)).toBe(true);
    expect(proposalIsFor({ region: null, conditions: ['dementia'] }, person)).toBe(true);
    expect(proposalIsFor({ region: 'cardiff-vale', conditions: [] }, person)).toBe(true);
  });

  it('hides proposals for another region or only other conditions', () => {
    expect(proposalIsFor({ region: 'powys', conditions: [] }, person)).toBe(false);
    expect(proposalIsFor({ region: null, conditions: ['copd'] }, person)).toBe(false);
    expect(proposalIsFor({ region: 'powys', conditions: [] }, { regions: [], conditions: [] })).toBe(false);
    expect(proposalIsFor({ region: null, conditions: [] }, { regions: [], conditions: [] })).toBe(true);
  });
});
