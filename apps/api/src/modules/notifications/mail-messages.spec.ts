import { describe, expect, it } from 'vitest';
import cy from './messages/cy.json';
import en from './messages/en.json';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('e-mail messages (cy.json, en.json)', () => {
  it('have the same keys', () => {
    expect(Object.keys(cy).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders per key, and no text is empty', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(cy[key]), key).toEqual(placeholders(en[key]));
      expect(cy[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
    }
  });
});
