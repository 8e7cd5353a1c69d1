import { DateTime } from 'luxon';
import { SESSION_ZONE } from '../events/slot-grid';
import type { LinkWorkerRoute } from './impact.repository';

/** Each link worker's distinct organisations with referral routes, by the end of each period. */
export interface RawLinkWorkerReach {
  /** Calendar months (YYYY-MM, UK time) in which any route was agreed, oldest first. */
  periods: string[];
  linkWorkers: {
    id: string;
    displayName: string;
    /** Distinct organisations by the end of each period (cumulative), one per period. */
    organisations: number[];
    /** New organisations in the latest period: the last figure less the one before it. */
    growth: number;
  }[];
}

/**
 * HARP recommendation 3: grow the number of organisations each link worker refers to. Counts, per
 * month, the distinct organisations each link worker has agreed referral routes with so far.
 */
export function linkWorkerReach(routes: readonly LinkWorkerRoute[]): RawLinkWorkerReach {
  const periodOf = (at: Date) => DateTime.fromJSDate(at, { zone: SESSION_ZONE }).toFormat('yyyy-MM');
  const periods = [...new Set(routes.map((r) => periodOf(r.agreedAt)))].sort();
  const byWorker = new Map<string, { displayName: string; firstSeen: Map<string, string> }>();
  for (const route of routes) {
    const worker = byWorker.get(route.linkWorkerId) ?? {
      displayName: route.displayName,
      firstSeen: new Map<string, string>(),
    };
    const period = periodOf(route.agreedAt);
    const seen = worker.firstSeen.get(route.organisationId);
    if (seen === undefined || period < seen) worker.firstSeen.set(route.organisationId, period);
    byWorker.set(route.linkWorkerId, worker);
  }
  const linkWorkers = [...byWorker]
    .map(([id, worker]) => {
      const organisations = periods.map(
        (period) => [...worker.firstSeen.values()].filter((first) => first <= period).length,
      );
      return {
        id,
        displayName: worker.displayName,
        organisations,
        growth: organisations.at(-1)! - (organisations.at(-2) ?? 0),
      };
    })
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
  return { periods, linkWorkers };
}
