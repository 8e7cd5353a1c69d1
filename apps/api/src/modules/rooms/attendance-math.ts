/** One LiveKit connection of a person: either end may still be unknown (events arrive in any order). */
export interface ConnectionSpan {
  joinedAt: Date | null;
  leftAt: Date | null;
}

export interface AttendanceSummary {
  firstJoinedAt: Date | null;
  lastLeftAt: Date | null;
  /** Start of the earliest connection still open: the person is in the room since then. */
  presentSince: Date | null;
  /** Time in the room over closed connections; overlapping connections (two devices) count once. */
  totalSeconds: number;
}

/** Folds a person's connections into their attendance. Order-independent, so replays are harmless. */
export function summarise(spans: readonly ConnectionSpan[]): AttendanceSummary {
  let firstJoinedAt: Date | null = null;
  let lastLeftAt: Date | null = null;
  let presentSince: Date | null = null;
  const closed: [number, number][] = [];
  for (const { joinedAt, leftAt } of spans) {
    if (joinedAt && (!firstJoinedAt || joinedAt < firstJoinedAt)) firstJoinedAt = joinedAt;
    if (leftAt && (!lastLeftAt || leftAt > lastLeftAt)) lastLeftAt = leftAt;
    if (joinedAt && !leftAt && (!presentSince || joinedAt < presentSince)) presentSince = joinedAt;
    if (joinedAt && leftAt && leftAt >= joinedAt) closed.push([joinedAt.getTime(), leftAt.getTime()]);
  }
  closed.sort((a, b) => a[0] - b[0]);
  let totalMs = 0;
  let current: [number, number] | undefined;
  for (const span of closed) {
    if (current && span[0] <= current[1]) current[1] = Math.max(current[1], span[1]);
    else {
      if (current) totalMs += current[1] - current[0];
      current = [...span];
    }
  }
  if (current) totalMs += current[1] - current[0];
  return { firstJoinedAt, lastLeftAt, presentSince, totalSeconds: Math.round(totalMs / 1000) };
}
