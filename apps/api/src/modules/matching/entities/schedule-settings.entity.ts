import type { ScoringWeights } from '@cyswllt/matching';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organiser's matching weights and equity choices for one session. */
@Entity({ name: 'schedule_settings' })
export class ScheduleSettingsEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  sessionId: string;

  @Column({ type: 'simple-json' })
  weights: ScoringWeights;

  /** Region codes whose practitioners get the equity boost. */
  @Column({ type: 'simple-json' })
  underServedRegions: string[];

  /** Strong recommendations per practitioner the auto-scheduler may place (0 = requests only). */
  @Column({ type: 'integer' })
  recommendationsPerPerson: number;

  /** Lower the auto-schedule priority of people with repeated undisputed no-shows (rooms/no-shows.ts). */
  @Column({ type: 'boolean', default: false })
  lowerRepeatedNoShows: boolean;

  @Column()
  updatedAt: Date;
}
