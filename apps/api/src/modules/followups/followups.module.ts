import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { BookingModule } from '../booking/booking.module';
import { EventsModule } from '../events/events.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { EvidenceMethodsRepository } from './evidence-methods.repository';
import { EvidenceMethodsResolver } from './evidence-methods.resolver';
import { EvidenceMethodsService } from './evidence-methods.service';
import { FollowUpActionsRepository } from './follow-up-actions.repository';
import {
  FollowUpActionsResolver,
  FollowUpUpdateResolver,
  MeetingFollowUpsResolver,
} from './follow-up-actions.resolver';
import { FollowUpActionsService } from './follow-up-actions.service';
import { FollowupsLoaders } from './followups.loaders';
import { FollowupsPersonalData } from './followups-personal-data';
import { MeetingAccess } from './meeting-access';
import { MeetingFeedbackRepository } from './meeting-feedback.repository';
import { MeetingFeedbackResolver } from './meeting-feedback.resolver';
import { MeetingFeedbackService } from './meeting-feedback.service';

/** After the meeting: follow-up actions, feedback, and practitioners' evidence methods (the evidence library). */
@Module({
  imports: [AccountsModule, EventsModule, BookingModule, ProfilesModule],
  providers: [
    FollowUpActionsResolver,
    FollowUpUpdateResolver,
    MeetingFollowUpsResolver,
    MeetingFeedbackResolver,
    EvidenceMethodsResolver,
    FollowUpActionsService,
    MeetingFeedbackService,
    EvidenceMethodsService,
    MeetingAccess,
    FollowupsLoaders,
    FollowUpActionsRepository,
    MeetingFeedbackRepository,
    EvidenceMethodsRepository,
    FollowupsPersonalData,
  ],
  exports: [FollowUpActionsService, MeetingFeedbackService, EvidenceMethodsService],
})
export class FollowupsModule {}
