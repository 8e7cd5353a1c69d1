import { Transitions } from '../../core/errors/state-machine';
import { MeetingStatus, RequestStatus, ThirdPartyStatus } from './booking.enums';

export const MEETING_TRANSITIONS: Transitions<MeetingStatus> = {
  [MeetingStatus.PROPOSED]: [MeetingStatus.CONFIRMED, MeetingStatus.CANCELLED],
  [MeetingStatus.CONFIRMED]: [MeetingStatus.IN_PROGRESS, MeetingStatus.NO_SHOW, MeetingStatus.CANCELLED],
  // IN_PROGRESS once anyone joins the room; NO_SHOW if only one person ever turned up (rooms module).
  [MeetingStatus.IN_PROGRESS]: [MeetingStatus.COMPLETED, MeetingStatus.NO_SHOW],
  [MeetingStatus.COMPLETED]: [],
  [MeetingStatus.NO_SHOW]: [],
  [MeetingStatus.CANCELLED]: [],
};

export const REQUEST_TRANSITIONS: Transitions<RequestStatus> = {
  [RequestStatus.PENDING]: [RequestStatus.ACCEPTED, RequestStatus.DECLINED, RequestStatus.WITHDRAWN, RequestStatus.EXPIRED],
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

/** Meetings that hold their participants' slots. */
export const LIVE_MEETING_STATUSES: readonly MeetingStatus[] = [MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED, MeetingStatus.IN_PROGRESS];
