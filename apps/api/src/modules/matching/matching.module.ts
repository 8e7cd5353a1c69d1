import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { BookingModule } from '../booking/booking.module';
import { EventsModule } from '../events/events.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { MatchingPersonalData } from './matching-personal-data';
import { MatchingRepository } from './matching.repository';
import {
  DraftMeetingFieldsResolver,
  DraftUnplacedFieldsResolver,
  MatchingResolver,
  RecommendationFieldsResolver,
  ScheduleDraftFieldsResolver,
} from './matching.resolver';
import { MatchingSettingsService } from './matching-settings.service';
import { RecommendationsService } from './recommendations.service';
import { SchedulingService } from './scheduling.service';
import { SessionPeopleService } from './session-people.service';

/** Recommendations and the auto-scheduler, on top of libs/matching. */
@Module({
  imports: [AccountsModule, ProfilesModule, EventsModule, BookingModule],
  providers: [
    MatchingResolver,
    RecommendationFieldsResolver,
    DraftMeetingFieldsResolver,
    DraftUnplacedFieldsResolver,
    ScheduleDraftFieldsResolver,
    RecommendationsService,
    MatchingSettingsService,
    SchedulingService,
    SessionPeopleService,
    MatchingRepository,
    MatchingPersonalData,
  ],
})
export class MatchingModule {}
