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

/** Every migration, in order. Listed explicitly so the build carries them without globbing. */
export const MIGRATIONS = [InitialSchema1763900000000, SeedTaxonomies1763900000100, VideoRooms1763900000200, Notifications1763900000300, Matching1763900000400, Followups1763900000500, Directory1763900000600, NotificationsDelivery1763900000610, PasswordResets1763900000620, FollowUpDueIndex1763900000630, LongerNotificationKinds1763900000640];
