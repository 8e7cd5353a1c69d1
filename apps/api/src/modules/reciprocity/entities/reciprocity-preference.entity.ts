import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Whether a person's profile shows their hours (migration 1763900000900); read and written in SQL. */
@Entity({ name: 'reciprocity_preferences' })
export class ReciprocityPreferenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'boolean' })
  showOnProfile: boolean;

  @Column()
  updatedAt: Date;
}
