import { describe, expect, it } from 'vitest';
import cy from './messages/cy.json';
import en from './messages/en.json';

// `{when:soft}` is `when`: a Welsh sentence names the form of the term it inserts.
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)(?::\w+)?\}/g)].map((m) => m[1]).sort();

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

  it('name a form only in Welsh, and only for a time (the one term an e-mail inserts)', () => {
    for (const [key, text] of Object.entries(en)) expect(text, key).not.toMatch(/\{\w+:/);
    for (const [key, text] of Object.entries(cy)) {
      for (const [, name] of text.matchAll(/\{(\w+):\w+\}/g))
        expect(['when', 'previousWhen', 'expires'], key).toContain(name);
    }
  });
});
