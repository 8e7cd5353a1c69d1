import type {
	DeliveryLanguage,
	FollowUpKind,
	FollowUpStatus,
	MeetingStatus,
	NotificationKind,
	OrganisationKind,
	OutboxStatus,
	OutcomeSource,
	ParticipantRole,
	ProjectTerm,
	ProposalStatus,
	RegistrationRole,
	RequestStatus,
	Role,
	SessionStatus,
	ThirdPartyStatus,
	WelshAbility,
} from '@cyswllt/contracts';
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

export function requestStatusLabel(value: RequestStatus): string {
	return {
		PENDING: m.request_pending,
		ACCEPTED: m.request_accepted,
		DECLINED: m.request_declined,
		WITHDRAWN: m.request_withdrawn,
		EXPIRED: m.request_expired,
	}[value]();
}

export function thirdPartyStatusLabel(value: ThirdPartyStatus): string {
	return { INVITED: m.third_party_invited, CONFIRMED: m.third_party_confirmed, DECLINED: m.third_party_declined }[
		value
	]();
}

export function proposalStatusLabel(value: ProposalStatus): string {
	return { PENDING: m.proposal_pending, ACCEPTED: m.proposal_accepted, DECLINED: m.proposal_declined }[value]();
}

export function welshAbilityLabel(value: WelshAbility): string {
	return {
		NONE: m.welsh_none,
		LEARNER: m.welsh_learner,
		CONVERSATIONAL: m.welsh_conversational,
		FLUENT: m.welsh_fluent,
	}[value]();
}

export function projectTermLabel(value: ProjectTerm): string {
	return { SHORT: m.term_short, LONG: m.term_long, EITHER: m.term_either }[value]();
}

export function registrationRoleLabel(value: RegistrationRole): string {
	return { HOST: m.role_host, GUEST: m.role_guest }[value]();
}

/** A person's part in a meeting. */
export function participantRoleLabel(value: ParticipantRole): string {
	return { HOST: m.role_room_host, GUEST: m.role_room_guest, THIRD_PARTY: m.role_room_third_party }[value]();
}

/** How a meeting's outcome was decided, as the end of "Decided by …". */
export function outcomeSourceLabel(value: OutcomeSource | null | undefined): string {
	return value
		? {
				ROOM: m.attendance_decided_room,
				PARTICIPANTS: m.attendance_decided_participants,
				ORGANISER: m.attendance_decided_organiser,
			}[value]()
		: m.attendance_decided_none();
}

export function organisationKindLabel(value: OrganisationKind): string {
	return {
		ARTS_ORGANISATION: m.org_arts_organisation,
		COMMUNITY_ARTS_GROUP: m.org_community_arts_group,
		HEALTH_BOARD: m.org_health_board,
		LOCAL_AUTHORITY: m.org_local_authority,
		GP_CLUSTER: m.org_gp_cluster,
		THIRD_SECTOR: m.org_third_sector,
		FUNDER: m.org_funder,
	}[value]();
}

export function roleLabel(value: Role): string {
	return {
		PRACTITIONER: m.role_practitioner,
		COMMISSIONER: m.role_commissioner,
		LINK_WORKER: m.role_link_worker,
		INTERPRETER: m.role_interpreter,
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
	return codes
		.map((code) => {
			const term = conditions.find((t) => t.code === code);
			return term ? termName(term) : code;
		})
		.join(', ');
}

export const FOLLOW_UP_KINDS: FollowUpKind[] = [
	'REFERRAL_ROUTE',
	'SHARE_EVIDENCE',
	'PILOT',
	'INTRODUCTION',
	'FUNDING_BID',
	'OTHER',
];

export function followUpKindLabel(value: FollowUpKind): string {
	return {
		REFERRAL_ROUTE: m.action_kind_referral_route,
		SHARE_EVIDENCE: m.action_kind_share_evidence,
		PILOT: m.action_kind_pilot,
		INTRODUCTION: m.action_kind_introduction,
		FUNDING_BID: m.action_kind_funding_bid,
		OTHER: m.action_kind_other,
	}[value]();
}

export function followUpStatusLabel(value: FollowUpStatus): string {
	return {
		OPEN: m.action_status_open,
		IN_PROGRESS: m.action_status_in_progress,
		DONE: m.action_status_done,
		DROPPED: m.action_status_dropped,
	}[value]();
}

/** Where an action may go next (the API's FOLLOW_UP_TRANSITIONS; the server has the last word). */
export const FOLLOW_UP_NEXT: Record<FollowUpStatus, FollowUpStatus[]> = {
	OPEN: ['IN_PROGRESS', 'DONE', 'DROPPED'],
	IN_PROGRESS: ['DONE', 'DROPPED'],
	DONE: [],
	DROPPED: [],
};

export const ORGANISATION_KINDS: OrganisationKind[] = [
	'HEALTH_BOARD',
	'LOCAL_AUTHORITY',
	'GP_CLUSTER',
	'THIRD_SECTOR',
	'ARTS_ORGANISATION',
	'COMMUNITY_ARTS_GROUP',
	'FUNDER',
];

/** Taxonomy codes' names in the shown language (unknown codes as they are). */
export function termNames(codes: string[], terms: Term[]): string {
	return codes
		.map((code) => {
			const term = terms.find((t) => t.code === code);
			return term ? termName(term) : code;
		})
		.join(', ');
}

/** What an e-mail kind is about, as the end of "Send me an e-mail when…". */
export function notificationKindLabel(value: NotificationKind): string {
	return {
		BOOKED: m.kind_booked,
		REQUESTED: m.kind_requested,
		ACCEPTED: m.kind_accepted,
		DECLINED: m.kind_declined,
		CANCELLED: m.kind_cancelled,
		RESCHEDULED: m.kind_rescheduled,
		PROPOSED: m.kind_proposed,
		CONFIRMED: m.kind_confirmed,
		REMINDER_DAY: m.kind_reminder_day,
		REMINDER_SOON: m.kind_reminder_soon,
		NUDGE: m.kind_nudge,
		REQUEST_EXPIRED: m.kind_request_expired,
		ACTION_DUE: m.kind_action_due,
		SESSION_MOVED: m.kind_session_moved,
		SESSION_END_CHANGED: m.kind_session_end_changed,
		SESSION_CANCELLED: m.kind_session_cancelled,
		PARTICIPANT_REMOVED: m.kind_participant_removed,
		PARTICIPANT_RESTORED: m.kind_participant_restored,
		PROPOSAL_ACCEPTED: m.kind_proposal_accepted,
		PROPOSAL_DECLINED: m.kind_proposal_declined,
		INVITATION: m.kind_invitation,
		PASSWORD_RESET: m.kind_password_reset,
		SIGN_UP_ATTEMPT: m.kind_sign_up_attempt,
		STANDBY_OFFERED: m.kind_standby_offered,
		GUEST_LEFT: m.kind_guest_left,
		EMAIL_CONFIRMATION: m.kind_email_confirmation,
		WAITING_LIST_PLACED: m.kind_waiting_list_placed,
	}[value]();
}

export function outboxStatusLabel(value: OutboxStatus): string {
	return { PENDING: m.outbox_pending, SENDING: m.outbox_sending, SENT: m.outbox_sent, FAILED: m.outbox_failed }[
		value
	]();
}
