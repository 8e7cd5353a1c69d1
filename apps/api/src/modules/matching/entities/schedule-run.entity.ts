import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum ScheduleRunStatus {
  RUNNING = 'RUNNING',
  READY = 'READY',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
  PUBLISHED = 'PUBLISHED',
  DISCARDED = 'DISCARDED',
}

/** One auto-schedule run: progress while RUNNING, then a draft timetable to preview and publish. */
@Index('schedule_runs_session', ['sessionId', 'createdAt'])
@Index('schedule_runs_one_running', ['sessionId'], { unique: true, where: "status = 'RUNNING'" })
@Entity({ name: 'schedule_runs' })
export class ScheduleRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  sessionId: string;

  @Column({ type: 'varchar', length: 36 })
  requestedById: string;

  @Column({ type: 'varchar', length: 12 })
  status: ScheduleRunStatus;

  /** JSON of the latest ScheduleProgress. */
  @Column({ type: 'text' })
  progress: string;

  /** JSON of the ScheduleDraft once READY; null otherwise (a cancelled run leaves none). */
  @Column({ type: 'text', nullable: true })
  draft: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @Column()
  createdAt: Date;

  @Column({ type: Date, nullable: true })
  finishedAt: Date | null;
}
