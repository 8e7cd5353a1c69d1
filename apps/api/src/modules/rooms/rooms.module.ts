import { AccessModule } from '../access/access.module';
import { MeetingAccessResolver } from './meeting-access.resolver';
import { MeetingAccessService } from './meeting-access.service';
import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { BookingModule } from '../booking/booking.module';
import { EventsModule } from '../events/events.module';
import { AttendanceExportController } from './attendance-export.controller';
import { AttendanceService } from './attendance.service';
import { LiveKitWebhookController } from './livekit-webhook.controller';
import { InterpretationPersonalData } from './interpretation-personal-data';
import { InterpretationRepository } from './interpretation.repository';
import { InterpretationResolver } from './interpretation.resolver';
import { InterpretationService } from './interpretation.service';
import { LiveKitGateway } from './livekit.gateway';
import { NoShowsResolver } from './no-shows.resolver';
import { NoShowsService } from './no-shows.service';
import { RoomsModeration } from './rooms-moderation.service';
import { RoomsLiveResolver } from './rooms-live.resolver';
import { NoShowDisputesPersonalData, RoomsPersonalData } from './rooms-personal-data';
import { RoomsReconciler } from './rooms-reconciler';
import { RoomsRepository } from './rooms.repository';
import { AttendanceReportPersonResolver, RoomAttendeeResolver, RoomsResolver } from './rooms.resolver';
import { RoomsService } from './rooms.service';

/** Video rooms on LiveKit (docs/architecture.md#video-rooms): join tokens, webhooks, attendance, moderation. */
@Module({
  imports: [AccountsModule, EventsModule, BookingModule, AccessModule],
  controllers: [LiveKitWebhookController, AttendanceExportController],
  providers: [
    RoomsResolver,
    RoomAttendeeResolver,
    AttendanceReportPersonResolver,
    RoomsLiveResolver,
    RoomsService,
    RoomsModeration,
    AttendanceService,
    RoomsReconciler,
    RoomsRepository,
    LiveKitGateway,
    RoomsPersonalData,
    NoShowDisputesPersonalData,
    NoShowsService,
    NoShowsResolver,
    InterpretationResolver,
    InterpretationService,
    InterpretationRepository,
    InterpretationPersonalData,
    MeetingAccessResolver,
    MeetingAccessService,
  ],
  exports: [RoomsService, AttendanceService, NoShowsService],
})
export class RoomsModule {}
