/** docs/architecture.md#video-rooms: tokens from 10 minutes before a meeting to 5 minutes after its (possibly extended) end. */
export const JOIN_OPENS_BEFORE_MS = 10 * 60_000;
export const JOIN_CLOSES_AFTER_MS = 5 * 60_000;
/** A join token never lives longer than this, whatever the configuration says. */
export const MAX_TOKEN_TTL_SECONDS = 15 * 60;

export interface JoinWindow {
  opensAt: Date;
  closesAt: Date;
}

export function joinWindow(meeting: { startsAt: Date; endsAt: Date }): JoinWindow {
  return {
    opensAt: new Date(meeting.startsAt.getTime() - JOIN_OPENS_BEFORE_MS),
    closesAt: new Date(meeting.endsAt.getTime() + JOIN_CLOSES_AFTER_MS),
  };
}

export type WindowPosition = 'BEFORE' | 'OPEN' | 'AFTER';

export function positionIn(window: JoinWindow, now: Date): WindowPosition {
  if (now.getTime() < window.opensAt.getTime()) return 'BEFORE';
  if (now.getTime() > window.closesAt.getTime()) return 'AFTER';
  return 'OPEN';
}

/**
 * A token's lifetime in whole seconds: the configured TTL, capped at 15 minutes and at the time
 * left until the window closes (at least 1 second while it is open).
 */
export function tokenTtlSeconds(window: JoinWindow, now: Date, configuredSeconds: number): number {
  const left = Math.floor((window.closesAt.getTime() - now.getTime()) / 1000);
  return Math.max(1, Math.min(configuredSeconds, MAX_TOKEN_TTL_SECONDS, left));
}
