import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { RegistrationRole } from '../booking.enums';

@Unique('registrations_session_id_user_id_key', ['sessionId', 'userId'])
@Index('registrations_user', ['userId'])
@Entity({ name: 'registrations' })
export class RegistrationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  sessionId: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 5 })
  role: RegistrationRole;

  @Column()
  createdAt: Date;
}
