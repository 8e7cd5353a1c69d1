import { InitialSchema1763900000000 } from './1763900000000-initial-schema';
import { SeedTaxonomies1763900000100 } from './1763900000100-seed-taxonomies';
import { VideoRooms1763900000200 } from './1763900000200-video-rooms';
import { Notifications1763900000300 } from './1763900000300-notifications';
import { Matching1763900000400 } from './1763900000400-matching';

/** Every migration, in order. Listed explicitly so the build carries them without globbing. */
export const MIGRATIONS = [InitialSchema1763900000000, SeedTaxonomies1763900000100, VideoRooms1763900000200, Notifications1763900000300, Matching1763900000400];
