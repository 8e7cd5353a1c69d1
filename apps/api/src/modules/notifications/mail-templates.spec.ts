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
        const mail = renderMail(kind, {
          ...base,
          language,
          from: 'A',
          to: 'B',
          message: 'Hello',
          reason: 'Ill',
          previousStartsAt: new Date('2027-03-29T10:00:00Z'),
        });
        expect(mail.subject, `${kind} ${language}`).not.toMatch(/\{[\w:]+\}/);
        expect(mail.text, `${kind} ${language}`).not.toMatch(/\{[\w:]+\}/);
        expect(mail.html).toContain(`<html lang="${language}">`);
      }
    }
  });

  it('shows times in Europe/London wall time, in the reader’s language', () => {
    expect(formatWhen(base.startsAt, base.endsAt, Language.en)).toBe('Monday 29 March 2027, 10:00–10:30');
    expect(formatWhen(base.startsAt, base.endsAt, Language.cy)).toBe('dydd Llun 29 Mawrth 2027, 10:00–10:30');
    expect(formatWhen(base.startsAt, base.endsAt, Language.cy, 'soft')).toBe('ddydd Llun 29 Mawrth 2027, 10:00–10:30');
    // The repeated hour of the autumn change says which of its two occurrences.
    expect(formatWhen(new Date('2027-10-31T00:30:00Z'), new Date('2027-10-31T01:30:00Z'), Language.en)).toBe(
      'Sunday 31 October 2027, 01:30 BST–01:30 GMT',
    );
    const en = renderMail(NotificationKind.BOOKED, { ...base, language: Language.en });
    expect(en.subject).toBe('Booked: Dawns a Parkinson’s, Monday 29 March 2027, 10:00–10:30');
    const cy = renderMail(NotificationKind.BOOKED, { ...base, language: Language.cy });
    expect(cy.subject).toBe('Wedi’i archebu: Dawns a Parkinson’s, dydd Llun 29 Mawrth 2027, 10:00–10:30');
    expect(cy.text).toContain('Pryd: dydd Llun 29 Mawrth 2027, 10:00–10:30 (amser y DU)');
    expect(cy.text).toContain('Annwyl Siân <Jones>,');
  });

  it('writes a Welsh time in the form its sentence needs: soft after "o", "i", "tan" and as an adverb, lower-case "dydd"', () => {
    const friday = { startsAt: new Date('2027-04-02T09:00:00Z'), endsAt: new Date('2027-04-02T10:00:00Z') };
    const moved = renderMail(NotificationKind.SESSION_MOVED, {
      ...base,
      ...friday,
      language: Language.cy,
      previousStartsAt: base.startsAt,
      previousEndsAt: base.endsAt,
    });
    expect(moved.text).toContain(
      'wedi symud o ddydd Llun 29 Mawrth 2027, 10:00–10:30 i ddydd Gwener 2 Ebrill 2027, 10:00–11:00 (amser y DU).',
    );
    expect(moved.subject).toBe(
      'Sesiwn wedi symud: Dawns a Parkinson’s, bellach ddydd Gwener 2 Ebrill 2027, 10:00–11:00',
    );
    const rescheduled = renderMail(NotificationKind.RESCHEDULED, {
      ...base,
      ...friday,
      language: Language.cy,
      previousStartsAt: base.startsAt,
      previousEndsAt: base.endsAt,
    });
    expect(rescheduled.text).toContain(
      'Mae eich cyfarfod wedi symud o ddydd Llun 29 Mawrth 2027, 10:00–10:30 i amser newydd.',
    );
    const ended = renderMail(NotificationKind.SESSION_END_CHANGED, {
      ...base,
      ...friday,
      language: Language.cy,
      previousStartsAt: base.startsAt,
      previousEndsAt: base.endsAt,
    });
    expect(ended.text).toContain(
      'bellach ar ddydd Gwener 2 Ebrill 2027, 10:00–11:00 (amser y DU), yn lle dydd Llun 29 Mawrth 2027, 10:00–10:30.',
    );
    const invitation = renderBilingualMail(NotificationKind.INVITATION, {
      recipientName: '',
      title: '',
      from: 'Siân',
      link: 'http://x/i',
      expiresAt: new Date('2027-04-03T09:00:00Z'),
    });
    expect(invitation.text).toContain('tan ddydd Sadwrn 3 Ebrill 2027, 10:00 amser y DU');
    // The same e-mail in English, untouched by any of it.
    expect(
      renderMail(NotificationKind.SESSION_MOVED, {
        ...base,
        ...friday,
        language: Language.en,
        previousStartsAt: base.startsAt,
        previousEndsAt: base.endsAt,
      }).text,
    ).toContain('has moved from Monday 29 March 2027, 10:00–10:30 to Friday 2 April 2027, 10:00–11:00 (UK time).');
  });

  it('escapes HTML', () => {
    const mail = renderMail(NotificationKind.CANCELLED, {
      ...base,
      language: Language.en,
      reason: '<script>x</script>',
    });
    expect(mail.html).toContain('Siân &lt;Jones&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('<a href="http://localhost:3000/agenda">');
  });

  it('writes an e-mail for someone whose language is not known in Welsh first, then English', () => {
    const mail = renderBilingualMail(NotificationKind.INVITATION, {
      recipientName: '',
      title: '',
      from: 'Siân',
      link: 'http://localhost:3000/invitation/abc',
      expiresAt: new Date('2027-03-29T09:00:00Z'),
    });
    expect(mail.subject).toBe('Mae Siân yn eich gwahodd i Cyswllt / Siân invites you to Cyswllt');
    expect(mail.text.indexOf('Helo,')).toBeLessThan(mail.text.indexOf('Hello,'));
    expect(mail.text).toContain('until Monday 29 March 2027, 10:00 UK time): http://localhost:3000/invitation/abc');
    expect(mail.html).toContain('<div lang="cy">');
    expect(mail.html).toContain('<div lang="en">');
  });

  it('writes user text so that mail clients make no links of it, in the text and the HTML', () => {
    const hostile = {
      ...base,
      language: Language.en,
      recipientName: 'Visit www.evil.example',
      from: 'Pay at https://evil.example/pay',
      message: 'Log in at http://bank.example.com/login or mail me@evil.example',
      reason: 'see evil.example',
      action: 'Read docs.evil.example/x',
    };
    for (const kind of [NotificationKind.REQUESTED, NotificationKind.DECLINED, NotificationKind.ACTION_DUE]) {
      const mail = renderMail(kind, hostile);
      for (const body of [mail.text, mail.html, mail.subject]) {
        expect(body, kind).not.toMatch(/https?:\/\/(?!localhost:3000\/)/);
        expect(body, kind).not.toMatch(/\b(evil|bank)\.example/);
        expect(body, kind).not.toMatch(/www\./);
        expect(body, kind).not.toMatch(/[\u200b-\u200d\u2060\ufeff]/); // no zero-width tricks
      }
      expect(mail.html.match(/<a /g) ?? [], kind).toHaveLength(1); // only our own link
    }
    const requested = renderMail(NotificationKind.REQUESTED, hostile);
    expect(requested.text).toContain('http[:]//bank[.]example[.]com/login');
    expect(requested.text).toContain('<http://localhost:3000/agenda>'.slice(1, -1));
  });

  it('puts user text into a subject on one line, without control characters, and bounded', () => {
    const mail = renderMail(NotificationKind.REQUESTED, {
      ...base,
      language: Language.en,
      from: `Evil\r\nBcc: victim@example.org\u0007 ${'x'.repeat(500)}`,
    });
    // eslint-disable-next-line no-control-regex -- control characters are what must not appear
    expect(mail.subject).not.toMatch(/[\r\n\u0000-\u001f\u007f]/);
    expect(mail.subject).toContain('Evil Bcc: victim@example[.]org');
    expect(mail.subject.length).toBeLessThanOrEqual(160);
    const titled = renderMail(NotificationKind.BOOKED, {
      ...base,
      language: Language.en,
      title: `Dance\nand ${'y'.repeat(400)}`,
    });
    expect(titled.subject).not.toContain('\n');
    expect(titled.subject.length).toBeLessThanOrEqual(160);
    expect(titled.subject).toContain('Monday 29 March 2027, 10:00–10:30'); // the time survives a long title
  });
});
