import { InvitationEntity } from './modules/accounts/entities/invitation.entity';
import { PasswordResetEntity } from './modules/accounts/entities/password-reset.entity';
import { EmailConfirmationEntity } from './modules/accounts/entities/email-confirmation.entity';
import { LoginSessionEntity } from './core/auth/login-session.entity';
import { OrganisationEntity } from './modules/accounts/entities/organisation.entity';
import { UserEntity } from './modules/accounts/entities/user.entity';
import { AvailabilityEntity } from './modules/booking/entities/availability.entity';
import { MeetingOutcomeReportEntity } from './modules/booking/entities/meeting-outcome-report.entity';
import { MeetingParticipantEntity } from './modules/booking/entities/meeting-participant.entity';
import { MeetingRequestEntity } from './modules/booking/entities/meeting-request.entity';
import { MeetingEntity } from './modules/booking/entities/meeting.entity';
import { OfferEntity } from './modules/booking/entities/offer.entity';
import { RegistrationEntity } from './modules/booking/entities/registration.entity';
import { StandbyEntryEntity } from './modules/booking/entities/standby-entry.entity';
import { WaitingListEntryEntity } from './modules/booking/entities/waiting-list-entry.entity';
import { SessionConditionEntity } from './modules/events/entities/session-condition.entity';
import { SessionProposalEntity } from './modules/events/entities/session-proposal.entity';
import { ProposalBackingEntity, ProposalCommentEntity } from './modules/events/entities/proposal-support.entity';
import { SlotEntity } from './modules/events/entities/slot.entity';
import { ThemedSessionEntity } from './modules/events/entities/themed-session.entity';
import { NotificationPreferenceEntity } from './modules/notifications/entities/notification-preference.entity';
import { CalendarFeedEntity } from './modules/notifications/entities/calendar-feed.entity';
import { OutboxMessageEntity } from './modules/notifications/entities/outbox-message.entity';
import { ProfileEntity } from './modules/profiles/entities/profile.entity';
import { TaxonomyTermEntity } from './modules/profiles/entities/taxonomy-term.entity';
import { AttendanceEntity } from './modules/rooms/entities/attendance.entity';
import { MeetingRoomEntity } from './modules/rooms/entities/meeting-room.entity';
import { RoomConnectionEntity } from './modules/rooms/entities/room-connection.entity';
import { RoomRemovalEntity } from './modules/rooms/entities/room-removal.entity';
import { NoShowDisputeEntity } from './modules/rooms/entities/no-show-dispute.entity';
import { MeetingInterpreterEntity } from './modules/rooms/entities/meeting-interpreter.entity';
import { AccessNeedProfileEntity, MeetingAccessNeedsEntity } from './modules/access/entities/access-needs.entity';
import { WebhookEventEntity } from './modules/rooms/entities/webhook-event.entity';

import { ScheduleRunEntity } from './modules/matching/entities/schedule-run.entity';
import { ScheduleSettingsEntity } from './modules/matching/entities/schedule-settings.entity';
import { EvidenceMethodEntity } from './modules/followups/entities/evidence-method.entity';
import { FollowUpActionEntity } from './modules/followups/entities/follow-up-action.entity';
import { FollowUpUpdateEntity } from './modules/followups/entities/follow-up-update.entity';
import { MeetingFeedbackEntity } from './modules/followups/entities/meeting-feedback.entity';
import { ReciprocityEntryEntity } from './modules/reciprocity/entities/reciprocity-entry.entity';
import { ReciprocityPreferenceEntity } from './modules/reciprocity/entities/reciprocity-preference.entity';

/** Every entity, for the data source. Wiring only, like app.module. */
export const ENTITIES = [
  OrganisationEntity,
  UserEntity,
  LoginSessionEntity,
  InvitationEntity,
  PasswordResetEntity,
  EmailConfirmationEntity,
  TaxonomyTermEntity,
  ProfileEntity,
  ThemedSessionEntity,
  SessionConditionEntity,
  SlotEntity,
  SessionProposalEntity,
  ProposalBackingEntity,
  ProposalCommentEntity,
  RegistrationEntity,
  AvailabilityEntity,
  OfferEntity,
  StandbyEntryEntity,
  WaitingListEntryEntity,
  MeetingRequestEntity,
  MeetingEntity,
  MeetingParticipantEntity,
  MeetingOutcomeReportEntity,
  MeetingRoomEntity,
  RoomConnectionEntity,
  AttendanceEntity,
  RoomRemovalEntity,
  NoShowDisputeEntity,
  MeetingInterpreterEntity,
  AccessNeedProfileEntity,
  MeetingAccessNeedsEntity,
  WebhookEventEntity,
  OutboxMessageEntity,
  NotificationPreferenceEntity,
  CalendarFeedEntity,
  ScheduleSettingsEntity,
  ScheduleRunEntity,
  FollowUpActionEntity,
  FollowUpUpdateEntity,
  MeetingFeedbackEntity,
  EvidenceMethodEntity,
  ReciprocityEntryEntity,
  ReciprocityPreferenceEntity,
];
