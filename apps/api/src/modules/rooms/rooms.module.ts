import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { BookingModule } from '../booking/booking.module';
import { EventsModule } from '../events/events.module';
import { AttendanceService } from './attendance.service';
import { LiveKitWebhookController } from './livekit-webhook.controller';
import { LiveKitGateway } from './livekit.gateway';
import { RoomsModeration } from './rooms-moderation.service';
import { RoomsLiveResolver } from './rooms-live.resolver';
import { RoomsPersonalData } from './rooms-personal-data';
import { RoomsReconciler } from './rooms-reconciler';
import { RoomsRepository } from './rooms.repository';
import { RoomAttendeeResolver, RoomsResolver } from './rooms.resolver';
import { RoomsService } from './rooms.service';

/** Video rooms on LiveKit (DESIGN.md §3): join tokens, webhooks, attendance, moderation. */
@Module({
  imports: [AccountsModule, EventsModule, BookingModule],
  controllers: [LiveKitWebhookController],
  providers: [
    RoomsResolver,
    RoomAttendeeResolver,
    RoomsLiveResolver,
    RoomsService,
    RoomsModeration,
    AttendanceService,
    RoomsReconciler,
    RoomsRepository,
    LiveKitGateway,
    RoomsPersonalData,
  ],
  exports: [RoomsService, AttendanceService],
})
export class RoomsModule {}
