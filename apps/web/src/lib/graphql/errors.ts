import { m } from '$lib/paraglide/messages.js';
import { ApiError } from './client';

/**
 * The server's error codes (`extensions.code`, see apps/api/src/modules/* /*.errors.ts) as
 * messages in the shown language. A code without its own message gets the general one.
 */
const BY_CODE: Record<string, () => string> = {
	UNAUTHENTICATED: m.error_unauthenticated,
	FORBIDDEN: m.error_forbidden,
	BAD_USER_INPUT: m.error_bad_user_input,
	NOT_FOUND: m.error_not_found,
	SERVICE_UNAVAILABLE: m.error_service_unavailable,
	CALENDAR_FEED_EXISTS: m.error_calendar_feed_exists,
	ESSENTIAL_NOTIFICATION: m.error_essential_notification,
	INVALID_TRANSITION: m.error_invalid_transition,
	EMAIL_TAKEN: m.error_email_taken,
	INVALID_CREDENTIALS: m.error_invalid_credentials,
	LOGIN_THROTTLED: m.error_login_throttled,
	INVITATION_INVALID: m.error_invitation_invalid,
	PASSWORD_RESET_INVALID: m.error_password_reset_invalid,
	SLOT_TAKEN: m.error_slot_taken,
	PARTICIPANT_BUSY: m.error_participant_busy,
	SESSION_NOT_OPEN: m.error_session_not_open,
	REQUESTS_CLOSED: m.error_requests_closed,
	NOT_REGISTERED: m.error_not_registered,
	ALREADY_REGISTERED: m.error_already_registered,
	NOT_A_HOST: m.error_not_a_host,
	HOST_ROLE_REQUIRED: m.error_host_role_required,
	SLOT_IN_PAST: m.error_slot_in_past,
	SLOT_IS_BREAK: m.error_slot_is_break,
	SLOT_NOT_IN_SESSION: m.error_slot_not_in_session,
	CANNOT_BOOK_SELF: m.error_cannot_book_self,
	CANNOT_REQUEST_SELF: m.error_cannot_request_self,
	DUPLICATE_REQUEST: m.error_duplicate_request,
	NOT_AVAILABLE: m.error_not_available,
	NOT_A_PARTICIPANT: m.error_not_a_participant,
	END_NOT_AFTER_START: m.error_end_not_after_start,
	SLOT_LENGTH_DOES_NOT_DIVIDE: m.error_slot_length_does_not_divide,
	TOO_MANY_SLOTS: m.error_too_many_slots,
	BREAK_OUT_OF_RANGE: m.error_break_out_of_range,
	SESSION_IN_PAST: m.error_session_in_past,
	CONDITIONS_REQUIRED: m.error_conditions_required,
	SESSION_NOT_EDITABLE: m.error_session_not_editable,
	NOT_SESSION_ORGANISER: m.error_not_session_organiser,
	TOO_EARLY: m.error_too_early,
	ENDED: m.error_ended,
	REMOVED: m.error_removed,
	VIDEO_UNAVAILABLE: m.error_video_unavailable,
	NOT_CONFIRMED: m.error_not_confirmed,
	NOT_IN_MEETING: m.error_not_in_meeting,
	NOT_IN_ROOM: m.error_not_in_room,
	NO_NEXT_SLOT: m.error_no_next_slot,
	NEXT_SLOT_TAKEN: m.error_next_slot_taken,
	WEIGHT_OUT_OF_RANGE: m.error_weight_out_of_range,
	SCHEDULE_STALE: m.error_schedule_stale,
	SCHEDULE_ALREADY_RUNNING: m.error_schedule_already_running,
	SCHEDULE_NOT_READY: m.error_schedule_not_ready,
	NOT_IN_SESSION: m.error_not_in_session,
	MEETING_NOT_STARTED: m.error_meeting_not_started,
	MEETING_CANCELLED: m.error_meeting_cancelled,
	MEETING_NOT_HELD: m.error_meeting_not_held,
	DUE_DATE_IN_PAST: m.error_due_date_in_past,
	OWNER_NOT_A_PARTICIPANT: m.error_owner_not_a_participant,
	REFERRING_ORGANISATION_REQUIRED: m.error_referring_organisation_required,
	REFERRAL_DETAILS_NOT_ALLOWED: m.error_referral_details_not_allowed,
	NOT_ACTION_OWNER: m.error_not_action_owner,
	FEEDBACK_ALREADY_GIVEN: m.error_feedback_already_given,
	PRACTITIONERS_ONLY: m.error_practitioners_only,
	NOT_EVIDENCE_OWNER: m.error_not_evidence_owner,
	UNKNOWN_TERM: m.error_unknown_term,
	ERASURE_NOT_CONFIRMED: m.error_erasure_not_confirmed,
	ERASURE_BLOCKED: m.error_erasure_blocked,
	DIRECTORY_LISTING_INCOMPLETE: m.error_directory_listing_incomplete,
	FIELD_NOT_FOR_ROLE: m.error_field_not_for_role,
	NO_MUTUAL_SLOT: m.error_no_mutual_slot,
	REQUEST_EXPIRED: m.error_request_expired,
	NOT_YOUR_REQUEST: m.error_not_your_request,
	SAME_SLOT: m.error_same_slot,
	GROUP_MEETING: m.error_group_meeting,
	ROLE_NOT_INVITABLE: m.error_role_not_invitable,
	ORGANISATION_NOT_FOUND: m.error_organisation_not_found,
	SLOT_HAS_MEETINGS: m.error_slot_has_meetings,
	OFFER_HAS_BOOKINGS: m.error_offer_has_bookings,
	SEATS_BELOW_BOOKED: m.error_seats_below_booked,
	INVALID_CURSOR: m.error_invalid_cursor,
	NETWORK_ERROR: m.error_network,
};

/** The message for an error from gql() (or anything else thrown), in the shown language. */
export function errorMessage(error: unknown): string {
	if (error instanceof ApiError) return (BY_CODE[error.code] ?? m.error_general)();
	return m.error_general();
}

/** The server's code, for tests and data attributes. */
export function errorCode(error: unknown): string {
	return error instanceof ApiError ? error.code : 'UNKNOWN';
}
