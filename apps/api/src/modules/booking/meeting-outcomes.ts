/** What the participants' reports say together (see MeetingOutcomesService). */
export type ReportsVerdict = 'HELD' | 'NOT_HELD' | 'DISPUTED' | 'NONE';

/** One "we met" with no contrary word: held; only "it didn't happen": not held; both: disputed. */
export function verdictOf(reports: readonly { happened: boolean }[]): ReportsVerdict {
  const met = reports.some((r) => r.happened);
  const notMet = reports.some((r) => !r.happened);
  if (met && notMet) return 'DISPUTED';
  if (met) return 'HELD';
  return notMet ? 'NOT_HELD' : 'NONE';
}
