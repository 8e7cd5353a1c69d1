import { describe, expect, it } from 'vitest';
import { Language } from '../../core/auth/role';
import { formatWhen, renderBilingualMail, renderMail } from './mail-templates';
import { NotificationKind } from './notifications.enums';

const base = {
  recipientName: 'Siân <Jones>',
  title: 'Dawns a Parkinson’s',
  startsAt: new Date('2027-03-29T09:00:00Z'),
  endsAt: new Date('2027-03-29T09:30:00Z'),
  people: ['Host Person'],
  link: 'http://localhost:3000/agenda',
};

describe('renderMail', () => {
  it('renders every kind in both languages with no unfilled placeholder', () => {
    for (const kind of Object.values(NotificationKind)) {
      for (const language of [Language.cy, Language.en]) {
        const mail = renderMail(kind, { ...base, language, from: 'A', to: 'B', message: 'Hello', reason: 'Ill', previousStartsAt: new Date('2027-03-29T10:00:00Z') });
        expect(mail.subject, `${kind} ${language}`).not.toMatch(/\{\w+\}/);
        expect(mail.text, `${kind} ${language}`).not.toMatch(/\{\w+\}/);
        expect(mail.html).toContain(`<html lang="${language}">`);
      }
    }
  });

  it('shows times in Europe/London wall time, in the reader’s language', () => {
    expect(formatWhen(base.startsAt, base.endsAt, Language.en)).toBe('Monday 29 March 2027, 10:00–10:30');
    expect(formatWhen(base.startsAt, base.endsAt, Language.cy)).toBe('Dydd Llun 29 Mawrth 2027, 10:00–10:30');
    const en = renderMail(NotificationKind.BOOKED, { ...base, language: Language.en });
    expect(en.subject).toBe('Booked: Dawns a Parkinson’s, Monday 29 March 2027, 10:00–10:30');
    const cy = renderMail(NotificationKind.BOOKED, { ...base, language: Language.cy });
    expect(cy.subject).toBe('Wedi’i archebu: Dawns a Parkinson’s, Dydd Llun 29 Mawrth 2027, 10:00–10:30');
    expect(cy.text).toContain('Annwyl Siân <Jones>,');
  });

  it('escapes HTML', () => {
    const mail = renderMail(NotificationKind.CANCELLED, { ...base, language: Language.en, reason: '<script>x</script>' });
    expect(mail.html).toContain('Siân &lt;Jones&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('<a href="http://localhost:3000/agenda">');
  });

  it('writes an e-mail for someone whose language is not known in Welsh first, then English', () => {
    const mail = renderBilingualMail(NotificationKind.INVITATION, { recipientName: '', title: '', from: 'Siân', link: 'http://localhost:3000/invitation/abc', expiresAt: new Date('2027-03-29T09:00:00Z') });
    expect(mail.subject).toBe('Mae Siân yn eich gwahodd i Cyswllt / Siân invites you to Cyswllt');
    expect(mail.text.indexOf('Helo,')).toBeLessThan(mail.text.indexOf('Hello,'));
    expect(mail.text).toContain('until Monday 29 March 2027, 10:00 UK time): http://localhost:3000/invitation/abc');
    expect(mail.html).toContain('<div lang="cy">');
    expect(mail.html).toContain('<div lang="en">');
  });
});
