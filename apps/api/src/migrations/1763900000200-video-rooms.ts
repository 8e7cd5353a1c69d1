import { MigrationInterface, QueryRunner } from 'typeorm';
import { ddlTypes } from './ddl-types';

/**
 * Video rooms (docs/architecture.md#video-rooms): what LiveKit told us (webhooks, reconciled against the server) and
 * what organisers decided (removals, ended rooms).
 *
 * - livekit_webhook_events: ids of processed webhook events; a second delivery finds its id here.
 * - meeting_rooms: one LiveKit room per meeting, with the latest room_started / room_finished
 *   times (by the events' createdAt, so late deliveries do not undo newer ones) and an organiser's
 *   end.
 * - room_connections: one row per LiveKit participant session (its sid). Joined and left times
 *   are merged commutatively (earliest join, a webhook's leave over an inferred one), so events
 *   may arrive twice or in any order.
 * - attendance: participant × meeting, recomputed from room_connections.
 * - room_removals: people an organiser removed; they get no new token for that meeting.
 */
export class VideoRooms1763900000200 implements MigrationInterface {
  name = 'VideoRooms1763900000200';

  async up(runner: QueryRunner): Promise<void> {
    const t = ddlTypes(runner);
    const statements = [
      `CREATE TABLE livekit_webhook_events (
        id varchar(64) PRIMARY KEY,
        event varchar(40) NOT NULL,
        room_name varchar(64),
        created_at ${t.instant} NOT NULL,
        received_at ${t.instant} NOT NULL
      )`,
      `CREATE TABLE meeting_rooms (
        meeting_id ${t.id} PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
        room_name varchar(64) NOT NULL UNIQUE,
        created_at ${t.instant} NOT NULL,
        started_at ${t.instant},
        finished_at ${t.instant},
        ended_at ${t.instant},
        ended_by_id ${t.id} REFERENCES users (id)
      )`,
      `CREATE TABLE room_connections (
        participant_sid varchar(64) PRIMARY KEY,
        meeting_id ${t.id} NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
        user_id ${t.id} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        organiser ${t.bool} NOT NULL,
        joined_at ${t.instant},
        left_at ${t.instant},
        left_source varchar(10) CHECK (left_source IN ('WEBHOOK', 'ROOM', 'RECONCILER')),
        CHECK (joined_at IS NOT NULL OR left_at IS NOT NULL),
        CHECK ((left_at IS NULL) = (left_source IS NULL))
      )`,
      `CREATE INDEX room_connections_meeting_user ON room_connections (meeting_id, user_id)`,
      `CREATE TABLE attendance (
        meeting_id ${t.id} NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
        user_id ${t.id} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        organiser ${t.bool} NOT NULL,
        first_joined_at ${t.instant},
        last_left_at ${t.instant},
        present_since ${t.instant},
        total_seconds ${t.int} NOT NULL CHECK (total_seconds >= 0),
        updated_at ${t.instant} NOT NULL,
        PRIMARY KEY (meeting_id, user_id)
      )`,
      `CREATE TABLE room_removals (
        meeting_id ${t.id} NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
        user_id ${t.id} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        removed_by_id ${t.id} NOT NULL REFERENCES users (id),
        removed_at ${t.instant} NOT NULL,
        PRIMARY KEY (meeting_id, user_id)
      )`,
    ];
    for (const statement of statements) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'room_removals',
      'attendance',
      'room_connections',
      'meeting_rooms',
      'livekit_webhook_events',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
