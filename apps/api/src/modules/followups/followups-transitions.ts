import { Transitions } from '../../core/errors/state-machine';
import { FollowUpStatus } from './followups.enums';

export const FOLLOW_UP_TRANSITIONS: Transitions<FollowUpStatus> = {
  [FollowUpStatus.OPEN]: [FollowUpStatus.IN_PROGRESS, FollowUpStatus.DONE, FollowUpStatus.DROPPED],
  [FollowUpStatus.IN_PROGRESS]: [FollowUpStatus.DONE, FollowUpStatus.DROPPED],
  [FollowUpStatus.DONE]: [],
  [FollowUpStatus.DROPPED]: [],
};

/** Statuses an action is still being worked on in (it can be overdue, reassigned). */
export const OPEN_STATUSES: readonly FollowUpStatus[] = [FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS];
