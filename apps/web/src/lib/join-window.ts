/**
 * A meeting room's join window (docs/features/rooms.md): from 10 minutes before the start to 5
 * minutes after the end. The server's TOO_EARLY is the truth; this only tells the page when to
 * show the Join button.
 */
const OPENS_BEFORE_MS = 10 * 60_000;
const CLOSES_AFTER_MS = 5 * 60_000;

export interface JoinableMeeting {
	status: string;
	startsAt: string;
	endsAt: string;
}

/** `open`: Join now; `later`: the room opens at `joinOpensAt`; `none`: no room to join (cancelled, over). */
export function joinState(meeting: JoinableMeeting, now: number): 'open' | 'later' | 'none' {
	if (meeting.status !== 'CONFIRMED' && meeting.status !== 'IN_PROGRESS') return 'none';
	if (now > Date.parse(meeting.endsAt) + CLOSES_AFTER_MS) return 'none';
	return now >= Date.parse(meeting.startsAt) - OPENS_BEFORE_MS ? 'open' : 'later';
}

export function joinOpensAt(meeting: JoinableMeeting): string {
	return new Date(Date.parse(meeting.startsAt) - OPENS_BEFORE_MS).toISOString();
}
