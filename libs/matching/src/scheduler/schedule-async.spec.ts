import { beforeAll, describe, expect, it } from 'vitest';
import { MatchingError, MatchingErrorCode } from '../matching.errors';
import { randomInstance } from '../testing/random-instance';
import { schedule, scheduleAsync } from './schedule';
import { ScheduleInput, ScheduleProgress, ScheduleResult } from './schedule.types';

const PHASES = ['PREPARE', 'CONSTRUCT', 'IMPROVE', 'FINISH'];

// Generous timeouts: these run real work, and CI machines are shared.
describe('scheduleAsync', { timeout: 60_000 }, () => {
  // Big enough to take many slices: the improvement phase alone is hundreds of milliseconds.
  let data: ScheduleInput;
  let expected: ScheduleResult;
  beforeAll(() => {
    data = randomInstance({ people: 600, slots: 10, candidates: 5000, seed: 3, breaks: [5] });
    expected = schedule(data);
  }, 60_000);

  it('reports progress in order and ends with the same result as schedule()', async () => {
    const reports: ScheduleProgress[] = [];
    const result = await scheduleAsync(data, { onProgress: (p) => reports.push(p), progressIntervalMs: 20 });
    expect(result).toEqual(expected);
    expect(reports.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < reports.length; i++) {
      expect(reports[i].fraction).toBeGreaterThanOrEqual(reports[i - 1].fraction);
      expect(PHASES.indexOf(reports[i].phase)).toBeGreaterThanOrEqual(PHASES.indexOf(reports[i - 1].phase));
      expect(reports[i].elapsedMs).toBeGreaterThanOrEqual(reports[i - 1].elapsedMs);
    }
    expect(reports.some((p) => p.phase === 'IMPROVE')).toBe(true);
    const last = reports[reports.length - 1];
    expect(last).toMatchObject({
      phase: 'FINISH',
      fraction: 1,
      practitionersWithMeeting: expected.objective.practitionersWithMeeting,
      assignedCount: expected.objective.assignedCount,
    });
    expect(last.totalValue).toBeCloseTo(expected.objective.totalValue, 9);
  });

  it('stops when aborted, rejects with an AbortError-like MatchingError and reports nothing after', async () => {
    const controller = new AbortController();
    const reports: ScheduleProgress[] = [];
    let reportsAtAbort = -1;
    const run = scheduleAsync(data, {
      signal: controller.signal,
      progressIntervalMs: 10,
      onProgress: (p) => {
        reports.push(p);
        if (reports.length === 3) {
          reportsAtAbort = reports.length;
          controller.abort('organiser cancelled');
        }
      },
    });
    const error = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MatchingError);
    expect((error as MatchingError).code).toBe(MatchingErrorCode.ABORTED);
    expect((error as MatchingError).name).toBe('AbortError');
    expect((error as MatchingError).details).toEqual({ reason: 'organiser cancelled' });
    // Stopped at once: no report after the abort, and well before the end of the work.
    expect(reports.length).toBe(reportsAtAbort);
    expect(reports[reports.length - 1].fraction).toBeLessThan(1);
    // Nothing keeps running: later turns of the event loop bring no report either.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(reports.length).toBe(reportsAtAbort);
  });

  it('notices an abort from another task between slices', async () => {
    const controller = new AbortController();
    const reports: ScheduleProgress[] = [];
    const run = scheduleAsync(data, {
      signal: controller.signal,
      progressIntervalMs: 10,
      onProgress: (p) => reports.push(p),
    });
    // Abort from a separate macrotask once the solver has reported at least twice.
    await new Promise<void>((resolve) => {
      const poll = () => (reports.length >= 2 ? resolve() : setImmediate(poll));
      poll();
    });
    controller.abort();
    const countAtAbort = reports.length;
    await expect(run).rejects.toMatchObject({ code: MatchingErrorCode.ABORTED, name: 'AbortError' });
    // At most the report of the slice that was running when the abort came.
    expect(reports.length - countAtAbort).toBeLessThanOrEqual(1);
    expect(reports[reports.length - 1].fraction).toBeLessThan(1);
  });

  it('rejects at once when the signal is already aborted, and validates its options', async () => {
    const controller = new AbortController();
    controller.abort();
    let reported = 0;
    await expect(
      scheduleAsync(data, { signal: controller.signal, onProgress: () => reported++ }),
    ).rejects.toMatchObject({ code: MatchingErrorCode.ABORTED });
    expect(reported).toBe(0);
    await expect(scheduleAsync(data, { progressIntervalMs: 0 })).rejects.toMatchObject({
      code: MatchingErrorCode.INVALID_OPTIONS,
    });
    await expect(
      scheduleAsync({ ...data, candidates: [...data.candidates, data.candidates[0]] }),
    ).rejects.toMatchObject({
      code: MatchingErrorCode.DUPLICATE_ID,
    });
  });

  it('reports with the default interval, first before any work and last at the end', async () => {
    const reports: ScheduleProgress[] = [];
    await scheduleAsync(data, { onProgress: (p) => reports.push(p) });
    expect(reports.length).toBeGreaterThanOrEqual(2);
    expect(reports[0]).toMatchObject({ phase: 'PREPARE', fraction: 0 });
    expect(reports[reports.length - 1]).toMatchObject({ phase: 'FINISH', fraction: 1 });
  });
});
