import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DirectoryDelivery, ProjectTerm, WelshAbility } from '../profiles.enums';

/** What a participant says about their work: small, meaningful, and theirs to change. */
@Index('profiles_directory', ['directoryListed', 'updatedAt'])
@Entity({ name: 'profiles' })
export class ProfileEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'simple-json' })
  conditions: string[];

  @Column({ type: 'simple-json' })
  artForms: string[];

  @Column({ type: 'simple-json' })
  regions: string[];

  @Column({ type: 'varchar', length: 20 })
  welshAbility: WelshAbility;

  /** SUPPORT codes offered and needed (the free texts below say more). */
  @Column({ type: 'simple-json', default: '[]' })
  supportOffers: string[];

  @Column({ type: 'simple-json', default: '[]' })
  supportNeeds: string[];

  @Column({ type: 'text' })
  offers: string;

  @Column({ type: 'text' })
  needs: string;

  @Column({ type: 'text' })
  evidenceApproach: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  projectTerm: ProjectTerm | null;

  @Column({ type: 'boolean' })
  inclusiveSpace: boolean;

  /** Link workers only: referrals they can take per month. */
  @Column({ type: 'integer', nullable: true })
  referralCapacityPerMonth: number | null;

  /** Link workers: whether meeting requests still reach them once this month's referral places are used up. */
  @Column({ type: 'boolean', default: true })
  requestsWhenFull: boolean;

  /** Practitioners only: listed in the public referral directory (Open Referral UK feed). */
  @Column({ type: 'boolean', default: false })
  directoryListed: boolean;

  /** The listing's public service name and short description. */
  @Column({ type: 'varchar', length: 160, nullable: true })
  directoryServiceName: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  directoryDescription: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  directoryDelivery: DirectoryDelivery | null;

  /** Where in-person work happens (a town, not an address). */
  @Column({ type: 'varchar', length: 120, nullable: true })
  directoryTown: string | null;

  /** Public contact: an organisation website and/or e-mail, never required to be personal. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  directoryWebsite: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  directoryEmail: string | null;

  @Column()
  updatedAt: Date;
}
