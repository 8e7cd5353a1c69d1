import { describe, expect, it } from 'vitest';
import { channelOf, interpreterAttributes, isBslInterpreter, languagesText, mayPublish } from './interpretation';

describe('interpretation channels', () => {
  it('reads the channel a track name claims, whatever its case', () => {
    expect(channelOf('interp-cy')).toBe('cy');
    expect(channelOf('INTERP-EN')).toBe('en');
    expect(channelOf('microphone')).toBeNull();
    expect(channelOf(undefined)).toBeNull();
  });

  it('lets only an interpreter into that language publish a channel', () => {
    const both = interpreterAttributes(['cy', 'en']);
    expect(mayPublish('interp-cy', both)).toBe(true);
    expect(mayPublish('interp-en', interpreterAttributes(['cy']))).toBe(false);
    expect(mayPublish('interp-cy', { role: 'GUEST' })).toBe(false);
    expect(mayPublish('interp-cy', undefined)).toBe(false);
    expect(mayPublish('interp-xx', both)).toBe(false);
    expect(mayPublish('microphone', undefined)).toBe(true);
  });

  it('writes languages in a fixed order without repeats', () => {
    expect(languagesText(['en', 'cy', 'en'])).toBe('cy,en');
    expect(languagesText(['fr'])).toBe('');
    expect(languagesText(['bsl', 'en', 'cy'])).toBe('cy,en,bsl');
  });

  it('has no audio channel for BSL (it is on video), and knows a BSL interpreter by their attributes', () => {
    const all = interpreterAttributes(['cy', 'en', 'bsl']);
    expect(mayPublish('interp-bsl', all)).toBe(false);
    expect(mayPublish('interp-cy', all)).toBe(true);
    expect(isBslInterpreter(all)).toBe(true);
    expect(isBslInterpreter(interpreterAttributes(['cy', 'en']))).toBe(false);
    expect(isBslInterpreter({ role: 'GUEST', languages: 'bsl' })).toBe(false);
  });
});
