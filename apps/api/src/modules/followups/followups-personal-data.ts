import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../core/database/database';
import {
  ErasedPerson,
  ERASE_DEFAULT,
  exportedInstant,
  PersonalDataContributor,
  PersonalDataSource,
  REMOVED_WORDS,
} from '../../core/privacy/personal-data';

type Row = Record<string, unknown>;

/**
 * Follow-ups: actions a person owns or created (with their history), status updates they wrote,
 * their feedback and their own evidence methods.
 *
 * Erasure keeps the actions and feedback scores others and the dashboards rely on (the person
 * shows as anonymous through their account row) and removes what they wrote in their own words:
 * update comments and feedback comments become empty, evidence methods are deleted. An action they
 * wrote keeps its meeting, owner, kind, organisation kind, due date and status (the meeting's record
 * that something was agreed, counted on the dashboards), but its description becomes REMOVED_WORDS
 * and its referring team empty. Actions others wrote for them stay word for word.
 */
@Injectable()
@PersonalDataSource()
export class FollowupsPersonalData implements PersonalDataContributor {
  readonly section = 'followUps';
  readonly eraseOrder = ERASE_DEFAULT;

  constructor(private readonly db: Database) {}

  async exportFor(userId: string): Promise<unknown> {
    const actions = await this.rows(
      `SELECT a.id, a.meeting_id, a.kind, a.description, a.due_on, a.status, a.referring_organisation_kind, a.referring_team,
              a.created_at, a.updated_at, a.closed_at, a.owner_id, ow.display_name AS owner_name, a.created_by_id, cr.display_name AS created_by_name
         FROM follow_up_actions a JOIN users ow ON ow.id = a.owner_id JOIN users cr ON cr.id = a.created_by_id
        WHERE a.owner_id = ? OR a.created_by_id = ? ORDER BY a.created_at, a.id`,
      [userId, userId],
    );
    const updates = await this.rows(
      `SELECT u.id, u.action_id, u.author_id, au.display_name AS author_name, u.from_status, u.to_status, u.comment, u.created_at
         FROM follow_up_updates u JOIN users au ON au.id = u.author_id JOIN follow_up_actions a ON a.id = u.action_id
        WHERE u.author_id = ? OR a.owner_id = ? OR a.created_by_id = ? ORDER BY u.created_at, u.id`,
      [userId, userId, userId],
    );
    const feedback = await this.rows(
      'SELECT meeting_id, usefulness, comment, created_at FROM meeting_feedback WHERE user_id = ? ORDER BY created_at',
      [userId],
    );
    const methods = await this.rows(
      'SELECT id, meeting_id, title, description, conditions, art_forms, shared, created_at, updated_at FROM evidence_methods WHERE owner_id = ? ORDER BY created_at',
      [userId],
    );
    const update = (u: Row) => ({
      id: u.id,
      actionId: u.action_id,
      author: { id: u.author_id, displayName: u.author_name },
      fromStatus: u.from_status,
      toStatus: u.to_status,
      comment: u.comment,
      createdAt: this.instant(u.created_at),
    });
    const actionIds = new Set(actions.map((a) => a.id));
    return {
      actions: actions.map((a) => ({
        id: a.id,
        meetingId: a.meeting_id,
        kind: a.kind,
        description: a.description,
        dueOn: a.due_on,
        status: a.status,
        referringOrganisationKind: a.referring_organisation_kind,
        referringTeam: a.referring_team,
        owner: { id: a.owner_id, displayName: a.owner_name },
        createdBy: { id: a.created_by_id, displayName: a.created_by_name },
        createdAt: this.instant(a.created_at),
        updatedAt: this.instant(a.updated_at),
        closedAt: this.instant(a.closed_at),
        updates: updates.filter((u) => u.action_id === a.id).map(update),
      })),
      updatesOnOtherActions: updates.filter((u) => !actionIds.has(u.action_id)).map(update),
      feedback: feedback.map((f) => ({
        meetingId: f.meeting_id,
        usefulness: Number(f.usefulness),
        comment: f.comment,
        createdAt: this.instant(f.created_at),
      })),
      evidenceMethods: methods.map((m) => ({
        id: m.id,
        meetingId: m.meeting_id,
        title: m.title,
        description: m.description,
        conditions: JSON.parse(String(m.conditions)) as string[],
        artForms: JSON.parse(String(m.art_forms)) as string[],
        shared: Boolean(m.shared),
        createdAt: this.instant(m.created_at),
        updatedAt: this.instant(m.updated_at),
      })),
    };
  }

  async erase(person: ErasedPerson, em: EntityManager): Promise<void> {
    const written = await this.db.sql<{ words: string }>(
      `SELECT comment AS words FROM follow_up_updates WHERE author_id = ? AND comment IS NOT NULL
       UNION SELECT comment FROM meeting_feedback WHERE user_id = ? AND comment IS NOT NULL
       UNION SELECT description FROM follow_up_actions WHERE created_by_id = ?
       UNION SELECT referring_team FROM follow_up_actions WHERE created_by_id = ? AND referring_team IS NOT NULL`,
      [person.userId, person.userId, person.userId, person.userId],
      em,
    );
    person.ownWords.push(...written.rows.map((row) => row.words));
    await this.db.sql('UPDATE follow_up_updates SET comment = NULL WHERE author_id = ?', [person.userId], em);
    await this.db.sql('UPDATE meeting_feedback SET comment = NULL WHERE user_id = ?', [person.userId], em);
    await this.db.sql(
      'UPDATE follow_up_actions SET description = ?, referring_team = NULL WHERE created_by_id = ?',
      [REMOVED_WORDS, person.userId],
      em,
    );
    await this.db.sql('DELETE FROM evidence_methods WHERE owner_id = ?', [person.userId], em);
  }

  private async rows(sql: string, params: unknown[]): Promise<Row[]> {
    return (await this.db.sql<Row>(sql, params)).rows;
  }

  private instant(value: unknown): string | null {
    return exportedInstant(this.db, value);
  }
}
