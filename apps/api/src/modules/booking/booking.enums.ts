export enum RegistrationRole {
  /** Offers slots: commissioners, link workers, and practitioners for peer meetings. */
  HOST = 'HOST',
  GUEST = 'GUEST',
}

export enum MeetingSource {
  BOOKED = 'BOOKED',
  REQUESTED = 'REQUESTED',
  AUTO_SCHEDULED = 'AUTO_SCHEDULED',
}

export enum MeetingStatus {
  PROPOSED = 'PROPOSED',
  CONFIRMED = 'CONFIRMED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  NO_SHOW = 'NO_SHOW',
  CANCELLED = 'CANCELLED',
}

/** How a meeting's outcome (COMPLETED or NO_SHOW) was decided. */
export enum OutcomeSource {
  /** Who was in the video room, a fixed time after the end. */
  ROOM = 'ROOM',
  /** The participants' own word ("we met" / "it didn't happen"), e.g. for a meeting held elsewhere. */
  PARTICIPANTS = 'PARTICIPANTS',
  /** An organiser of the session marked it held or not held. */
  ORGANISER = 'ORGANISER',
}

export enum ParticipantRole {
  HOST = 'HOST',
  GUEST = 'GUEST',
  THIRD_PARTY = 'THIRD_PARTY',
}

export enum RequestStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
  EXPIRED = 'EXPIRED',
}

export enum ThirdPartyStatus {
  INVITED = 'INVITED',
  CONFIRMED = 'CONFIRMED',
  DECLINED = 'DECLINED',
}

/** How the receiver of a request places the meeting when accepting it. */
export enum AcceptPlacement {
  /** In the slot the receiver names. */
  SLOT = 'SLOT',
  /** In the earliest slot where everyone is free. */
  EARLIEST_MUTUAL = 'EARLIEST_MUTUAL',
  /** No slot yet: the organiser's auto-schedule places it. */
  AUTO_SCHEDULE = 'AUTO_SCHEDULE',
}

export enum RequestDirection {
  SENT = 'SENT',
  RECEIVED = 'RECEIVED',
  THIRD_PARTY = 'THIRD_PARTY',
}

/** A place on a full offer's standby list: WAITING in line, or OFFERED a freed seat to claim before `claimUntil`. */
/** A place on a capped session's waiting list. */
export enum WaitingListStatus {
  WAITING = 'WAITING',
  /** Registered when a place freed or the cap rose. */
  PLACED = 'PLACED',
  LEFT = 'LEFT',
}

export enum StandbyStatus {
  WAITING = 'WAITING',
  OFFERED = 'OFFERED',
  /** Took the seat. */
  CLAIMED = 'CLAIMED',
  /** Did not claim in time, or the slot started. */
  EXPIRED = 'EXPIRED',
  LEFT = 'LEFT',
}
