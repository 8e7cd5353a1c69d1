import { MyAgendaDocument, SessionSlotsDocument } from '@cyswllt/contracts';
import type { MyAgendaQuery, SessionSlotsQuery, SlotFieldsFragment } from '@cyswllt/contracts';
import { gql } from '$lib/graphql/client';

export type SessionSlots = SessionSlotsQuery['session'];
export type AgendaMeeting = MyAgendaQuery['myAgenda'][number];

const sessions = new Map<string, Promise<SessionSlots>>();

/** A session's title and slot grid, asked for once per page load (lists name many requests' sessions). */
export function sessionSlots(id: string): Promise<SessionSlots> {
	let promise = sessions.get(id);
	if (!promise) {
		promise = gql(SessionSlotsDocument, { id }).then((data) => data.session);
		promise.catch(() => sessions.delete(id));
		sessions.set(id, promise);
	}
	return promise;
}

/** The slots in which the viewer already has a meeting that is not cancelled or over. */
export async function myBusySlotIds(): Promise<Set<string>> {
	const { myAgenda } = await gql(MyAgendaDocument, {});
	return busySlotIds(myAgenda);
}

export function busySlotIds(agenda: AgendaMeeting[]): Set<string> {
	const live = agenda.filter((m) => m.status === 'PROPOSED' || m.status === 'CONFIRMED' || m.status === 'IN_PROGRESS');
	return new Set(live.map((m) => m.slot.id).filter((id): id is string => id !== null));
}

/**
 * Slots worth offering for a meeting: not a break, not started yet, not one of `busy`, and (when
 * `allowed` is given) among those. The server decides for everyone involved; this only keeps
 * choices the viewer already knows would fail off the list.
 */
export function freeSlots(
	slots: SlotFieldsFragment[],
	{ busy, allowed, now = Date.now() }: { busy: Set<string>; allowed?: Set<string>; now?: number },
): SlotFieldsFragment[] {
	return slots.filter(
		(slot) =>
			slot.id !== null &&
			!slot.isBreak &&
			Date.parse(slot.startsAt) > now &&
			!busy.has(slot.id) &&
			(allowed === undefined || allowed.has(slot.id)),
	);
}

/** Items ordered by how close they start to `iso` (the nearest alternatives first). */
export function nearestTo<T>(items: T[], iso: string, startOf: (item: T) => string): T[] {
	const target = Date.parse(iso);
	const distance = (item: T) => Math.abs(Date.parse(startOf(item)) - target);
	return [...items].sort((a, b) => distance(a) - distance(b) || Date.parse(startOf(a)) - Date.parse(startOf(b)));
}
