import { MatchingError, MatchingErrorCode } from '../matching.errors';
import { ScheduleEngine } from './schedule-engine';
import { buildInstance } from './schedule-instance';
import { ScheduleAsyncOptions, ScheduleInput, ScheduleOptions, ScheduleResult } from './schedule.types';

const DEFAULT_PROGRESS_INTERVAL_MS = 500;
const MIN_PROGRESS_INTERVAL_MS = 10;
/** Longest stretch of solver work between two looks at the clock, the signal and the event loop. */
const MAX_SLICE_MS = 50;

function validateEffort(options: ScheduleOptions | undefined): number {
  const effort = options?.effort ?? 1;
  if (typeof effort !== 'number' || !Number.isFinite(effort) || effort < 0 || effort > 100) {
    throw new MatchingError(MatchingErrorCode.INVALID_OPTIONS, 'effort must be a number in 0..100', {
      field: 'effort',
      value: effort,
    });
  }
  return effort;
}

/**
 * Places candidate meetings into slots (see ScheduleInput for the rules). Pure and synchronous:
 * the same input, seed and effort always give the same result. Throws MatchingError on invalid
 * input; an instance with nothing to schedule gives an empty result with `emptyReason`.
 */
export function schedule(input: ScheduleInput, options?: ScheduleOptions): ScheduleResult {
  const effort = validateEffort(options);
  const engine = new ScheduleEngine(buildInstance(input), effort);
  const run = engine.run();
  while (!run.next().done) {
    // the synchronous variant ignores the yields
  }
  return engine.result();
}

const now: () => number =
  typeof globalThis.performance?.now === 'function' ? () => globalThis.performance.now() : () => Date.now();

const yieldToEventLoop: () => Promise<void> =
  typeof globalThis.setImmediate === 'function'
    ? () => new Promise((resolve) => globalThis.setImmediate(resolve))
    : () => new Promise((resolve) => globalThis.setTimeout(resolve, 0));

function aborted(signal: AbortSignal | undefined): MatchingError {
  return new MatchingError(MatchingErrorCode.ABORTED, 'scheduling was aborted', {
    reason: signal?.reason === undefined ? undefined : String(signal.reason),
  });
}

/**
 * The same computation as `schedule` (same result for the same input, seed and effort), in
 * slices of at most 50 ms between which it gives the event loop a turn. It reports progress at
 * least every `progressIntervalMs` (and once at the end), and when `signal` aborts it rejects
 * with MatchingError ABORTED (name 'AbortError') at the end of the current slice.
 */
export async function scheduleAsync(input: ScheduleInput, options: ScheduleAsyncOptions = {}): Promise<ScheduleResult> {
  const effort = validateEffort(options);
  const interval = options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
  if (typeof interval !== 'number' || !Number.isFinite(interval) || interval < MIN_PROGRESS_INTERVAL_MS) {
    throw new MatchingError(
      MatchingErrorCode.INVALID_OPTIONS,
      `progressIntervalMs must be a number ≥ ${MIN_PROGRESS_INTERVAL_MS}`,
      {
        field: 'progressIntervalMs',
        value: interval,
      },
    );
  }
  const { signal, onProgress } = options;
  if (signal?.aborted) throw aborted(signal);
  const started = now();
  // A slice short enough that a report is never more than `interval` after the previous one.
  const slice = Math.min(MAX_SLICE_MS, interval / 5);
  let lastReport = started;
  const report = (engine: ScheduleEngine | null): void => {
    lastReport = now();
    if (!onProgress || !engine) return;
    onProgress(engine.progress(lastReport - started));
  };

  const engine = new ScheduleEngine(buildInstance(input), effort);
  report(engine);
  const run = engine.run();
  let finished = false;
  while (!finished) {
    const sliceEnd = now() + slice;
    do {
      finished = run.next().done === true;
    } while (!finished && now() < sliceEnd);
    if (signal?.aborted) throw aborted(signal);
    if (!finished && now() - lastReport + slice >= interval) report(engine);
    if (signal?.aborted) throw aborted(signal);
    if (!finished) await yieldToEventLoop();
    if (signal?.aborted) throw aborted(signal);
  }
  const result = engine.result();
  report(engine);
  return result;
}
