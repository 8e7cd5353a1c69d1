import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../core/database/database';
import { MeetingInterpreterEntity } from './entities/meeting-interpreter.entity';

export interface InterpreterRow {
  userId: string;
  displayName: string;
}

/** The SQL of interpretation: interpreters assigned to meetings, and the people who may be assigned. */
@Injectable()
export class InterpretationRepository {
  constructor(private readonly db: Database) {}

  assigned(meetingId: string, em: EntityManager = this.db.manager): Promise<MeetingInterpreterEntity[]> {
    return em.find(MeetingInterpreterEntity, { where: { meetingId }, order: { assignedAt: 'ASC', userId: 'ASC' } });
  }

  one(meetingId: string, userId: string): Promise<MeetingInterpreterEntity | null> {
    return this.db.manager.findOneBy(MeetingInterpreterEntity, { meetingId, userId });
  }

  async save(row: MeetingInterpreterEntity, em: EntityManager): Promise<void> {
    await em.save(MeetingInterpreterEntity, row);
  }

  async remove(meetingId: string, userId: string, em: EntityManager): Promise<boolean> {
    const { affected } = await this.db.sql(
      'DELETE FROM meeting_interpreters WHERE meeting_id = ? AND user_id = ?',
      [meetingId, userId],
      em,
    );
    return affected > 0;
  }

  /** The meeting's interpreters with their names, in the order they were assigned. */
  async assignedWithNames(meetingId: string): Promise<(InterpreterRow & { languages: string })[]> {
    const { rows } = await this.db.sql<{ user_id: string; display_name: string; languages: string }>(
      `SELECT i.user_id, u.display_name, i.languages FROM meeting_interpreters i JOIN users u ON u.id = i.user_id
        WHERE i.meeting_id = ? ORDER BY i.assigned_at, i.user_id`,
      [meetingId],
    );
    return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, languages: r.languages }));
  }

  /** One person with the interpreter role, or null (no such person, or not an interpreter). */
  async interpreter(userId: string): Promise<InterpreterRow | null> {
    const { rows } = await this.db.sql<{ id: string; display_name: string }>(
      `SELECT id, display_name FROM users WHERE id = ? AND roles LIKE '%"INTERPRETER"%'`,
      [userId],
    );
    return rows[0] ? { userId: rows[0].id, displayName: rows[0].display_name } : null;
  }

  /** People with the interpreter role, by name. */
  async candidates(): Promise<InterpreterRow[]> {
    const { rows } = await this.db.sql<{ id: string; display_name: string }>(
      `SELECT id, display_name FROM users WHERE roles LIKE '%"INTERPRETER"%' ORDER BY display_name, id`,
      [],
    );
    return rows.map((r) => ({ userId: r.id, displayName: r.display_name }));
  }

  /** Which of these meetings have an interpreter assigned (one statement for a whole agenda). */
  async withInterpreter(meetingIds: readonly string[]): Promise<Set<string>> {
    if (meetingIds.length === 0) return new Set();
    const { rows } = await this.db.sql<{ meeting_id: string }>(
      `SELECT DISTINCT meeting_id FROM meeting_interpreters WHERE meeting_id IN (${meetingIds.map(() => '?').join(', ')})`,
      [...meetingIds],
    );
    return new Set(rows.map((r) => r.meeting_id));
  }

  /** For export: the meetings a person was assigned to interpret. */
  ofUser(userId: string): Promise<MeetingInterpreterEntity[]> {
    return this.db.manager.findBy(MeetingInterpreterEntity, { userId });
  }
}
