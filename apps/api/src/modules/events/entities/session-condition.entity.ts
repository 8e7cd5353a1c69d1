import { Entity, Index, PrimaryColumn } from 'typeorm';

@Index('session_conditions_condition', ['conditionCode'])
@Entity({ name: 'session_conditions' })
export class SessionConditionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  sessionId: string;

  @PrimaryColumn({ type: 'varchar', length: 60 })
  conditionCode: string;
}
