import { Transitions } from '../../core/errors/state-machine';
import { ProposalStatus, SessionStatus } from './events.enums';

/** DRAFT → PUBLISHED → LIVE (clock) → CLOSED (clock); CANCELLED from DRAFT or PUBLISHED. */
export const SESSION_TRANSITIONS: Transitions<SessionStatus> = {
  [SessionStatus.DRAFT]: [SessionStatus.PUBLISHED, SessionStatus.CANCELLED],
  [SessionStatus.PUBLISHED]: [SessionStatus.LIVE, SessionStatus.CANCELLED],
  [SessionStatus.LIVE]: [SessionStatus.CLOSED],
  [SessionStatus.CLOSED]: [],
  [SessionStatus.CANCELLED]: [],
};

export const PROPOSAL_TRANSITIONS: Transitions<ProposalStatus> = {
  [ProposalStatus.PENDING]: [ProposalStatus.ACCEPTED, ProposalStatus.DECLINED],
  [ProposalStatus.ACCEPTED]: [],
  [ProposalStatus.DECLINED]: [],
};

/** Sessions people can register for and book in. */
export const OPEN_FOR_BOOKING: readonly SessionStatus[] = [SessionStatus.PUBLISHED, SessionStatus.LIVE];
