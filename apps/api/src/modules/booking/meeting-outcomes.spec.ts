import { describe, expect, it } from 'vitest';
import { verdictOf } from './meeting-outcomes';

describe('verdictOf', () => {
  it('one "we met" with no contrary word is held; a contrary word makes it disputed', () => {
    expect(verdictOf([])).toBe('NONE');
    expect(verdictOf([{ happened: true }])).toBe('HELD');
    expect(verdictOf([{ happened: true }, { happened: true }])).toBe('HELD');
    expect(verdictOf([{ happened: false }])).toBe('NOT_HELD');
    expect(verdictOf([{ happened: true }, { happened: false }])).toBe('DISPUTED');
  });
});
