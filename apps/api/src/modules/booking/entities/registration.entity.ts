import { Column, Entity, PrimaryColumn } from 'typeorm';
import { RegistrationRole } from '../booking.enums';

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
