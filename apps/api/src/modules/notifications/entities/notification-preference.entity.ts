import { Column, Entity, PrimaryColumn } from 'typeorm';
import { NotificationKind } from '../notifications.enums';

/** A person's choice for one kind of e-mail; no row means "send it". Essential kinds are never off. */
@Entity({ name: 'notification_preferences' })
export class NotificationPreferenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  kind: NotificationKind;

  @Column({ type: 'boolean' })
  enabled: boolean;

  @Column()
  updatedAt: Date;
}
