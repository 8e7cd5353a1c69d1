import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { RequestContext } from '../../core/graphql/request-context';
import { byKeys, groupByKeys } from '../../core/graphql/request-loaders';
import { MeetingEntity } from '../booking/entities/meeting.entity';
import { MeetingsService } from '../booking/meetings.service';
import { FollowUpActionEntity } from './entities/follow-up-action.entity';
import { FollowUpUpdateEntity } from './entities/follow-up-update.entity';
import { MeetingFeedbackEntity } from './entities/meeting-feedback.entity';
import { FollowUpActionsService } from './follow-up-actions.service';
import { MeetingFeedbackService } from './meeting-feedback.service';

/**
 * Per-request batches for the follow-up fields: a page of meetings or actions costs one or two
 * statements per field, however long the page. Every loader reads as the request's actor.
 */
@Injectable()
export class FollowupsLoaders {
  constructor(
    private readonly actions: FollowUpActionsService,
    private readonly feedback: MeetingFeedbackService,
    private readonly meetings: MeetingsService,
  ) {}

  /** A meeting's actions, empty unless the actor may see them. */
  actionsOfMeeting(ctx: RequestContext, meetingId: string): Promise<FollowUpActionEntity[]> {
    return ctx.loaders
      .get(
        'followUpActionsOfMeeting',
        () =>
          new DataLoader(async (ids: readonly string[]) =>
            groupByKeys(ids, await this.actions.ofMeetings(ctx.actor!, ids), (a) => a.meetingId),
          ),
      )
      .load(meetingId);
  }

  history(ctx: RequestContext, actionId: string): Promise<FollowUpUpdateEntity[]> {
    return ctx.loaders
      .get(
        'followUpHistory',
        () =>
          new DataLoader(async (ids: readonly string[]) =>
            groupByKeys(ids, await this.actions.historyOf(ids), (u) => u.actionId),
          ),
      )
      .load(actionId);
  }

  /** A meeting by id, for an action already known to be visible. */
  meeting(ctx: RequestContext, meetingId: string): Promise<MeetingEntity | null> {
    return ctx.loaders
      .get(
        'followUpMeeting',
        () =>
          new DataLoader(async (ids: readonly string[]) =>
            byKeys(ids, await this.meetings.findByIds(ids), (m) => m.id),
          ),
      )
      .load(meetingId);
  }

  /** The actor's own feedback on a meeting, if they gave any. */
  myFeedback(ctx: RequestContext, meetingId: string): Promise<MeetingFeedbackEntity | null> {
    return ctx.loaders
      .get(
        'myMeetingFeedback',
        () =>
          new DataLoader(async (ids: readonly string[]) =>
            byKeys(ids, await this.feedback.mineFor(ctx.actor!, ids), (f) => f.meetingId),
          ),
      )
      .load(meetingId);
  }
}
