import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OrganisationKind } from '../../accounts/accounts.enums';
import { FollowUpKind, FollowUpStatus } from '../followups.enums';

/** Something a meeting's participants agreed to do next, owned by one of them. */
@Index('follow_up_actions_meeting', ['meetingId'])
@Index('follow_up_actions_owner', ['ownerId', 'status', 'dueOn'])
@Index('follow_up_actions_due', ['dueOn', 'status'])
@Entity({ name: 'follow_up_actions' })
export class FollowUpActionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  meetingId: string;

  @Column({ type: 'varchar', length: 36 })
  createdById: string;

  @Column({ type: 'varchar', length: 36 })
  ownerId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: FollowUpKind;

  /** REFERRAL_ROUTE only: the kind of organisation that will refer (e.g. HEALTH_BOARD). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  referringOrganisationKind: OrganisationKind | null;

  /** REFERRAL_ROUTE only: the referring team, e.g. "discharge team". */
  @Column({ type: 'varchar', length: 120, nullable: true })
  referringTeam: string | null;

  @Column({ type: 'varchar', length: 500 })
  description: string;

  /** A calendar date, YYYY-MM-DD, in Europe/London. */
  @Column({ type: 'varchar', length: 10 })
  dueOn: string;

  @Column({ type: 'varchar', length: 12 })
  status: FollowUpStatus;

  @Column()
  createdAt: Date;

  @Column()
  updatedAt: Date;

  /** When it became DONE or DROPPED. */
  @Column({ type: Date, nullable: true })
  closedAt: Date | null;
}
