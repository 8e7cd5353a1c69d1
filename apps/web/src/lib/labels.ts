import type { DeliveryLanguage, MeetingStatus, RegistrationRole, Role, SessionStatus } from '@cyswllt/contracts';
import { m } from '$lib/paraglide/messages.js';
import { termName } from '$lib/i18n.svelte';
import type { Term } from '$lib/taxonomy';

/** Enum values from the API as words in the shown language. */
export function deliveryLanguageLabel(value: DeliveryLanguage): string {
	return { cy: m.delivery_cy, en: m.delivery_en, BILINGUAL: m.delivery_bilingual }[value]();
}

export function sessionStatusLabel(value: SessionStatus): string {
	return {
		DRAFT: m.status_draft,
		PUBLISHED: m.status_published,
		LIVE: m.status_live,
		CLOSED: m.status_closed,
		CANCELLED: m.status_cancelled,
	}[value]();
}

export function meetingStatusLabel(value: MeetingStatus): string {
	return {
		PROPOSED: m.meeting_proposed,
		CONFIRMED: m.meeting_confirmed,
		IN_PROGRESS: m.meeting_in_progress,
		COMPLETED: m.meeting_completed,
		NO_SHOW: m.meeting_no_show,
		CANCELLED: m.meeting_cancelled,
	}[value]();
}

export function registrationRoleLabel(value: RegistrationRole): string {
	return { HOST: m.role_host, GUEST: m.role_guest }[value]();
}

export function roleLabel(value: Role): string {
	return {
		PRACTITIONER: m.role_practitioner,
		COMMISSIONER: m.role_commissioner,
		LINK_WORKER: m.role_link_worker,
		ORGANISER: m.role_organiser,
		ADMIN: m.role_admin,
	}[value]();
}

/** A region code's name, or "All Wales" for none. */
export function regionLabel(code: string | null, regions: Term[]): string {
	if (code === null) return m.region_all_wales();
	const term = regions.find((t) => t.code === code);
	return term ? termName(term) : code;
}

/** Condition codes' names, or "All conditions (open session)" for none. */
export function conditionsLabel(codes: string[], conditions: Term[]): string {
	if (codes.length === 0) return m.theme_open_all();
	return codes.map((code) => {
		const term = conditions.find((t) => t.code === code);
		return term ? termName(term) : code;
	}).join(', ');
}
