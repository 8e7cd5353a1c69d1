import type { MatchReason } from '@cyswllt/matching';
import { describe, expect, it } from 'vitest';
import { Language } from '../../core/auth/role';
import { REASON_LANGUAGES, reasonText } from './reason-text';

const names = (codes: string[]) => codes.map((code) => code.toUpperCase()).join(' + ');

describe('reason texts', () => {
  it('has every reason in Welsh and English', () => {
    expect(Object.keys(REASON_LANGUAGES.cy).sort()).toEqual(Object.keys(REASON_LANGUAGES.en).sort());
    expect(Object.keys(REASON_LANGUAGES.en)).toHaveLength(16);
  });

  it('names the terms a reason carries, in the chosen language', () => {
    const reason: MatchReason = { code: 'SHARED_CONDITIONS', params: { codes: ['parkinsons', 'dementia'] } };
    expect(reasonText(reason, Language.en, names)).toBe('works with PARKINSONS + DEMENTIA like you');
    expect(reasonText(reason, Language.cy, names)).toBe('yn gweithio gyda PARKINSONS + DEMENTIA fel chi');
    expect(reasonText({ code: 'SAME_PROJECT_TERM', params: { term: 'SHORT' } }, Language.en, names)).toBe('looking for short-term pilots like yours');
    expect(reasonText({ code: 'HAS_REFERRAL_CAPACITY', params: { left: 4 } }, Language.cy, names)).toBe('lle i atgyfeirio y mis hwn (4)');
  });
});
