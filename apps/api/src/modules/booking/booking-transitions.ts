import { Transitions } from '../../core/errors/state-machine';
import { MeetingStatus, RequestStatus, ThirdPartyStatus } from './booking.enums';

export const MEETING_TRANSITIONS: Transitions<MeetingStatus> = {
  [MeetingStatus.PROPOSED]: [MeetingStatus.CONFIRMED, MeetingStatus.CANCELLED],
  // COMPLETED straight from CONFIRMED when it was held elsewhere (the participants' or an organiser's word).
  [MeetingStatus.CONFIRMED]: [
    MeetingStatus.IN_PROGRESS,
    MeetingStatus.COMPLETED,
    MeetingStatus.NO_SHOW,
    MeetingStatus.CANCELLED,
  ],
  // IN_PROGRESS once anyone joins the room; NO_SHOW if only one person ever turned up (rooms module).
  [MeetingStatus.IN_PROGRESS]: [MeetingStatus.COMPLETED, MeetingStatus.NO_SHOW],
  // An outcome may be corrected by the participants' word or an organiser (never by the room: see OUTCOME_OPEN).
  [MeetingStatus.COMPLETED]: [MeetingStatus.NO_SHOW],
  [MeetingStatus.NO_SHOW]: [MeetingStatus.COMPLETED],
  [MeetingStatus.CANCELLED]: [],
};

export const REQUEST_TRANSITIONS: Transitions<RequestStatus> = {
  [RequestStatus.PENDING]: [
    RequestStatus.ACCEPTED,
    RequestStatus.DECLINED,
    RequestStatus.WITHDRAWN,
    RequestStatus.EXPIRED,
  ],
  [RequestStatus.ACCEPTED]: [],
  [RequestStatus.DECLINED]: [],
  [RequestStatus.WITHDRAWN]: [],
  [RequestStatus.EXPIRED]: [],
};

export const THIRD_PARTY_TRANSITIONS: Transitions<ThirdPartyStatus> = {
  [ThirdPartyStatus.INVITED]: [ThirdPartyStatus.CONFIRMED, ThirdPartyStatus.DECLINED],
  [ThirdPartyStatus.CONFIRMED]: [],
  [ThirdPartyStatus.DECLINED]: [],
};

/** Meetings still waiting for their outcome: the only ones the room's attendance may move. */
export const OUTCOME_OPEN: readonly MeetingStatus[] = [MeetingStatus.CONFIRMED, MeetingStatus.IN_PROGRESS];

/** Meetings that hold their participants' slots. */
export const LIVE_MEETING_STATUSES: readonly MeetingStatus[] = [
  MeetingStatus.PROPOSED,
  MeetingStatus.CONFIRMED,
  MeetingStatus.IN_PROGRESS,
];
