import type { ReciprocityFigures } from '@cyswllt/matching';
import { ExchangeKind } from './reciprocity.enums';
import type { HeldMeetingRow } from './reciprocity.repository';

/** One held meeting in one person's ledger. */
export interface LedgerLine {
  meetingId: string;
  lengthMinutes: number;
  preparationMinutes: number;
  givenMinutes: number;
  receivedMinutes: number;
  gave: ExchangeKind[];
  got: ExchangeKind[];
}

export interface LedgerTotals {
  givenMinutes: number;
  receivedMinutes: number;
}

/**
 * An hour is an hour: every participant of a held meeting is credited its length (to its possibly
 * extended end) as time given and as time received, whatever their role. Their own entry may add
 * preparation to the time they gave, and a meeting where they say they gave something and got
 * nothing counts as received by the others only.
 */
export function ledgerLine(row: HeldMeetingRow): LedgerLine {
  const lengthMinutes = Math.round((row.endsAt.getTime() - row.startsAt.getTime()) / 60_000);
  const entry = row.entry;
  const preparationMinutes = entry?.preparationMinutes ?? 0;
  const oneWay = entry !== null && entry.gave.length > 0 && entry.got.length === 0;
  return {
    meetingId: row.meetingId,
    lengthMinutes,
    preparationMinutes,
    givenMinutes: lengthMinutes + preparationMinutes,
    receivedMinutes: oneWay ? 0 : lengthMinutes,
    gave: entry?.gave ?? [],
    got: entry?.got ?? [],
  };
}

export function totalsOf(lines: readonly LedgerLine[]): LedgerTotals {
  return {
    givenMinutes: lines.reduce((sum, line) => sum + line.givenMinutes, 0),
    receivedMinutes: lines.reduce((sum, line) => sum + line.receivedMinutes, 0),
  };
}

/**
 * What matching needs: hours given and received, and the kind given most hours of (a meeting's
 * given time counts for each kind named; ties go to the kind listed first in ExchangeKind).
 */
export function matchingFigures(lines: readonly LedgerLine[]): ReciprocityFigures {
  const totals = totalsOf(lines);
  let mostGivenKind: ExchangeKind | null = null;
  let mostGivenMinutes = 0;
  for (const kind of Object.values(ExchangeKind)) {
    const minutes = lines.filter((line) => line.gave.includes(kind)).reduce((sum, line) => sum + line.givenMinutes, 0);
    if (kind !== ExchangeKind.OTHER && minutes > mostGivenMinutes) {
      mostGivenKind = kind;
      mostGivenMinutes = minutes;
    }
  }
  return {
    givenHours: totals.givenMinutes / 60,
    receivedHours: totals.receivedMinutes / 60,
    mostGivenKind,
    mostGivenHours: (mostGivenKind === null ? totals.givenMinutes : mostGivenMinutes) / 60,
  };
}
