import { describe, expect, it } from 'vitest';
import { AccessNeed, isEmpty, needsList, needsText, noteText, retentionCutoff } from './access-needs';

describe('access needs', () => {
  it('stores known needs once each, in a fixed order', () => {
    expect(needsText([AccessNeed.CAPTIONS, 'NOT_A_NEED', AccessNeed.BSL_INTERPRETER, AccessNeed.CAPTIONS])).toBe(
      'BSL_INTERPRETER,CAPTIONS',
    );
    expect(needsList('CAPTIONS,BSL_INTERPRETER,bogus')).toEqual([AccessNeed.BSL_INTERPRETER, AccessNeed.CAPTIONS]);
    expect(needsList('')).toEqual([]);
    expect(needsList(null)).toEqual([]);
  });

  it('keeps a note trimmed, and a blank note is none', () => {
    expect(noteText('  step-free access  ')).toBe('step-free access');
    expect(noteText('   ')).toBeNull();
    expect(isEmpty([], ' ')).toBe(true);
    expect(isEmpty([], 'a note')).toBe(false);
    expect(isEmpty([AccessNeed.BREAKS], null)).toBe(false);
  });

  it('deletes per-meeting needs the set number of days after the meeting ends', () => {
    const now = new Date('2026-12-10T12:00:00Z');
    expect(retentionCutoff(now, 7).toISOString()).toBe('2026-12-03T12:00:00.000Z');
    expect(retentionCutoff(now, 0)).toEqual(now);
  });
});
