import { InitialSchema1763900000000 } from './1763900000000-initial-schema';
import { SeedTaxonomies1763900000100 } from './1763900000100-seed-taxonomies';
import { VideoRooms1763900000200 } from './1763900000200-video-rooms';
import { Notifications1763900000300 } from './1763900000300-notifications';
import { Matching1763900000400 } from './1763900000400-matching';
import { Followups1763900000500 } from './1763900000500-followups';
import { Directory1763900000600 } from './1763900000600-directory';
import { NotificationsDelivery1763900000610 } from './1763900000610-notifications-delivery';
import { PasswordResets1763900000620 } from './1763900000620-password-resets';
import { FollowUpDueIndex1763900000630 } from './1763900000630-follow-up-due-index';
import { LongerNotificationKinds1763900000640 } from './1763900000640-longer-notification-kinds';
import { MeetingOutcomes1763900000700 } from './1763900000700-meeting-outcomes';
import { CalendarIdentity1763900000710 } from './1763900000710-calendar-identity';
import { RequestsWhenFull1763900000720 } from './1763900000720-requests-when-full';
import { OrganisationRequests1763900000740 } from './1763900000740-organisation-requests';
import { EmailConfirmation1763900000800 } from './1763900000800-email-confirmation';
import { Reciprocity1763900000900 } from './1763900000900-reciprocity';
import { Standby1763900000950 } from './1763900000950-standby';
import { SchemaDriftFixes1763900001050 } from './1763900001050-schema-drift-fixes';
import { MeetingInterpreters1763900001200 } from './1763900001200-meeting-interpreters';
import { ProposalSupport1763900001250 } from './1763900001250-proposal-support';
import { NoShows1763900001300 } from './1763900001300-no-shows';
import { RegistrationCap1763900001310 } from './1763900001310-registration-cap';
import { RequestLimits1763900001400 } from './1763900001400-request-limits';
import { AccessNeeds1763900001450 } from './1763900001450-access-needs';
import { ExtraTime1763900001550 } from './1763900001550-extra-time';

/** Every migration, in order. Listed explicitly so the build carries them without globbing. */
export const MIGRATIONS = [
  InitialSchema1763900000000,
  SeedTaxonomies1763900000100,
  VideoRooms1763900000200,
  Notifications1763900000300,
  Matching1763900000400,
  Followups1763900000500,
  Directory1763900000600,
  NotificationsDelivery1763900000610,
  PasswordResets1763900000620,
  FollowUpDueIndex1763900000630,
  LongerNotificationKinds1763900000640,
  MeetingOutcomes1763900000700,
  CalendarIdentity1763900000710,
  RequestsWhenFull1763900000720,
  OrganisationRequests1763900000740,
  EmailConfirmation1763900000800,
  Reciprocity1763900000900,
  Standby1763900000950,
  SchemaDriftFixes1763900001050,
  MeetingInterpreters1763900001200,
  ProposalSupport1763900001250,
  NoShows1763900001300,
  RegistrationCap1763900001310,
  RequestLimits1763900001400,
  AccessNeeds1763900001450,
  ExtraTime1763900001550,
];
