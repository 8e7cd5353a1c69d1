import { describe, expect, it } from 'vitest';
import { lookAlikes, nameSkeleton } from './look-alike';

describe('look-alike names', () => {
  it('gives names that pass for each other the same skeleton', () => {
    const nia = nameSkeleton('Nia Jones');
    for (const lookAlike of [
      'Niа Jones' /* Cyrillic а */,
      'NIA JONES',
      'Nia  Jönes',
      'N1a Jones',
      'Nia J0nes',
      'Nίa Jones',
      'Nia Jones.',
      'Ｎｉａ Ｊｏｎｅｓ',
    ]) {
      expect(nameSkeleton(lookAlike), lookAlike).toBe(nia);
    }
    expect(nameSkeleton('Wiliam')).toBe(nameSkeleton('VViliam'));
    expect(nameSkeleton('Emrys')).toBe(nameSkeleton('Ernrys'));
  });

  it('keeps different names apart', () => {
    expect(nameSkeleton('Nia Jones')).not.toBe(nameSkeleton('Nia James'));
    expect(nameSkeleton('Siân Rees')).not.toBe(nameSkeleton('Siôn Rees'));
  });

  it('flags everyone in a group of look-alikes, and nobody else', () => {
    const flagged = lookAlikes([
      { id: 'a', name: 'Nia Jones' },
      { id: 'b', name: 'Niа Jones' },
      { id: 'c', name: 'Dafydd Ap Gwilym' },
      { id: 'a', name: 'Nia Jones' }, // the same person twice is not a look-alike
    ]);
    expect([...flagged].sort()).toEqual(['a', 'b']);
    expect(
      lookAlikes([
        { id: 'a', name: 'Nia' },
        { id: 'a', name: 'Nia' },
      ]).size,
    ).toBe(0);
  });
});
