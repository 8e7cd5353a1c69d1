/** The one source of "now". Tests replace it with a FixedClock and move time explicitly. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(instant: Date): void {
    this.current = new Date(instant.getTime());
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}

/**
 * Real time plus an offset that only moves forward: the event rehearsal (`npm run rehearse`) jumps
 * to an instant, then lets real time run, so a meeting played in a real LiveKit room is "now" for
 * the API and LiveKit alike. createApp accepts it only when config.clockControl is on (never in
 * production, see productionProblems).
 */
export class OffsetClock extends Clock {
  private offsetMs: number;

  /** Starts at `start` (real time when omitted), in the past or the future. */
  constructor(
    start?: Date,
    private readonly realNow: () => number = Date.now,
  ) {
    super();
    this.offsetMs = start ? start.getTime() - realNow() : 0;
  }

  now(): Date {
    return new Date(this.realNow() + this.offsetMs);
  }

  /** Moves "now" to `instant`; refuses to move it back. */
  moveTo(instant: Date): void {
    const offset = instant.getTime() - this.realNow();
    if (offset < this.offsetMs)
      throw new Error(`OffsetClock never goes back: ${instant.toISOString()} is before ${this.now().toISOString()}`);
    this.offsetMs = offset;
  }
}
