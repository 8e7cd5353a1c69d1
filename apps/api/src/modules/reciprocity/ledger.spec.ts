import { describe, expect, it } from 'vitest';
import { ledgerLine, matchingFigures, totalsOf } from './ledger';
import { ExchangeKind } from './reciprocity.enums';
import type { HeldMeetingRow } from './reciprocity.repository';

const row = (minutes: number, entry: HeldMeetingRow['entry'] = null): HeldMeetingRow => ({
  userId: 'u',
  meetingId: `m${minutes}`,
  sessionId: 's',
  sessionTitleCy: 'Sesiwn',
  sessionTitleEn: 'Session',
  startsAt: new Date('2027-02-01T10:00:00Z'),
  endsAt: new Date(Date.parse('2027-02-01T10:00:00Z') + minutes * 60_000),
  entry,
});
const entry = (gave: ExchangeKind[], got: ExchangeKind[], preparationMinutes = 0) => ({
  gave,
  got,
  preparationMinutes,
  updatedAt: new Date(),
});

describe('the reciprocity ledger', () => {
  it('credits every participant the meeting’s length both ways, whatever their role', () => {
    expect(ledgerLine(row(30))).toMatchObject({
      lengthMinutes: 30,
      preparationMinutes: 0,
      givenMinutes: 30,
      receivedMinutes: 30,
      gave: [],
      got: [],
    });
  });

  it('adds own preparation to the time given, and counts nothing received when only giving was recorded', () => {
    expect(ledgerLine(row(60, entry([ExchangeKind.ADVICE], [], 45)))).toMatchObject({
      givenMinutes: 105,
      receivedMinutes: 0,
    });
    expect(ledgerLine(row(60, entry([ExchangeKind.ADVICE], [ExchangeKind.INTRODUCTION], 15)))).toMatchObject({
      givenMinutes: 75,
      receivedMinutes: 60,
    });
    expect(ledgerLine(row(60, entry([], [], 30)))).toMatchObject({ givenMinutes: 90, receivedMinutes: 60 });
  });

  it('sums totals and names the kind given most hours of (time alone when none was named)', () => {
    const lines = [
      row(60, entry([ExchangeKind.ADVICE], [], 60)),
      row(30, entry([ExchangeKind.EVIDENCE, ExchangeKind.ADVICE], [])),
      row(90),
    ].map(ledgerLine);
    expect(totalsOf(lines)).toEqual({ givenMinutes: 240, receivedMinutes: 90 });
    expect(matchingFigures(lines)).toEqual({
      givenHours: 4,
      receivedHours: 1.5,
      mostGivenKind: 'ADVICE',
      mostGivenHours: 2.5,
    });
    expect(matchingFigures([row(120, entry([ExchangeKind.OTHER], []))].map(ledgerLine))).toEqual({
      givenHours: 2,
      receivedHours: 0,
      mostGivenKind: null,
      mostGivenHours: 2,
    });
  });
});
