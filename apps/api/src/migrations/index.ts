import { InitialSchema1763900000000 } from './1763900000000-initial-schema';
import { SeedTaxonomies1763900000100 } from './1763900000100-seed-taxonomies';
import { VideoRooms1763900000200 } from './1763900000200-video-rooms';

/** Every migration, in order. Listed explicitly so the build carries them without globbing. */
export const MIGRATIONS = [InitialSchema1763900000000, SeedTaxonomies1763900000100, VideoRooms1763900000200];
