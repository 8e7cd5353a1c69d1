import { Module } from '@nestjs/common';
import { ReciprocityModule } from '../reciprocity/reciprocity.module';
import { AccountsModule } from '../accounts/accounts.module';
import { BookingModule } from '../booking/booking.module';
import { EventsModule } from '../events/events.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { RoomsModule } from '../rooms/rooms.module';
import { MatchingPersonalData } from './matching-personal-data';
import { ReferralCapacity, RequestsWhenFull } from './referral-capacity';
import { ReferralPlacesResolver } from './referral-places.resolver';
import { MatchingRepository } from './matching.repository';
import {
  DraftMeetingFieldsResolver,
  DraftProposalChangeResolver,
  DraftUnplacedFieldsResolver,
  LowerPriorityPersonResolver,
  MatchingResolver,
  RecommendationFieldsResolver,
  ScheduleDraftFieldsResolver,
} from './matching.resolver';
import { FairnessExportController } from './fairness-export.controller';
import { FairnessResolver, FairnessWithoutMeetingResolver } from './fairness.resolver';
import { FairnessService } from './fairness.service';
import { MatchingSettingsService } from './matching-settings.service';
import { RecommendationsService } from './recommendations.service';
import { SchedulingService } from './scheduling.service';
import { SessionPeopleService } from './session-people.service';

/** Recommendations and the auto-scheduler, on top of libs/matching. */
@Module({
  imports: [AccountsModule, ProfilesModule, EventsModule, BookingModule, ReciprocityModule, RoomsModule],
  controllers: [FairnessExportController],
  providers: [
    FairnessResolver,
    FairnessWithoutMeetingResolver,
    FairnessService,
    MatchingResolver,
    RecommendationFieldsResolver,
    DraftMeetingFieldsResolver,
    DraftProposalChangeResolver,
    DraftUnplacedFieldsResolver,
    ScheduleDraftFieldsResolver,
    LowerPriorityPersonResolver,
    RecommendationsService,
    MatchingSettingsService,
    SchedulingService,
    SessionPeopleService,
    MatchingRepository,
    MatchingPersonalData,
    ReferralCapacity,
    RequestsWhenFull,
    ReferralPlacesResolver,
  ],
})
export class MatchingModule {}
