import { MigrationInterface, QueryRunner } from 'typeorm';
import { ddlTypes } from './ddl-types';

/**
 * The platform core's schema, for SQLite and PostgreSQL alike. Booking invariants live here, in
 * constraints, so that no code path — or race — can break them (see meeting_participants).
 */
export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    const t = ddlTypes(runner);
    const statements = [
      `CREATE TABLE organisations (
        id ${t.id} PRIMARY KEY,
        name varchar(200) NOT NULL,
        kind varchar(40) NOT NULL,
        created_at ${t.instant} NOT NULL
      )`,
      `CREATE TABLE users (
        id ${t.id} PRIMARY KEY,
        email varchar(254) NOT NULL UNIQUE,
        display_name varchar(120) NOT NULL,
        preferred_language varchar(2) NOT NULL CHECK (preferred_language IN ('cy', 'en')),
        password_hash varchar(255),
        roles ${t.json} NOT NULL,
        organisation_id ${t.id} REFERENCES organisations (id),
        created_at ${t.instant} NOT NULL
      )`,
      `CREATE TABLE login_sessions (
        id ${t.id} PRIMARY KEY,
        user_id ${t.id} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash varchar(64) NOT NULL UNIQUE,
        created_at ${t.instant} NOT NULL,
        expires_at ${t.instant} NOT NULL,
        revoked_at ${t.instant}
      )`,
      `CREATE INDEX login_sessions_user ON login_sessions (user_id)`,
      `CREATE TABLE invitations (
        id ${t.id} PRIMARY KEY,
        email varchar(254) NOT NULL,
        roles ${t.json} NOT NULL,
        organisation_id ${t.id} REFERENCES organisations (id),
        token_hash varchar(64) NOT NULL UNIQUE,
        invited_by_id ${t.id} NOT NULL REFERENCES users (id),
        created_at ${t.instant} NOT NULL,
        expires_at ${t.instant} NOT NULL,
        accepted_at ${t.instant}
      )`,
      `CREATE TABLE taxonomy_terms (
        id ${t.id} PRIMARY KEY,
        vocabulary varchar(20) NOT NULL,
        code varchar(60) NOT NULL,
        name_cy varchar(120) NOT NULL,
        name_en varchar(120) NOT NULL,
        sort_order ${t.int} NOT NULL,
        UNIQUE (vocabulary, code)
      )`,
      `CREATE TABLE profiles (
        user_id ${t.id} PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        conditions ${t.json} NOT NULL,
        art_forms ${t.json} NOT NULL,
        regions ${t.json} NOT NULL,
        welsh_ability varchar(20) NOT NULL,
        offers ${t.text} NOT NULL,
        needs ${t.text} NOT NULL,
        evidence_approach ${t.text} NOT NULL,
        project_term varchar(10),
        inclusive_space ${t.bool} NOT NULL,
        referral_capacity_per_month ${t.int} CHECK (referral_capacity_per_month >= 0),
        updated_at ${t.instant} NOT NULL
      )`,
      `CREATE TABLE themed_sessions (
        id ${t.id} PRIMARY KEY,
        organiser_id ${t.id} NOT NULL REFERENCES users (id),
        title_cy varchar(200) NOT NULL,
        title_en varchar(200) NOT NULL,
        description_cy ${t.text} NOT NULL,
        description_en ${t.text} NOT NULL,
        theme varchar(10) NOT NULL CHECK (theme IN ('CONDITION', 'OPEN')),
        delivery_language varchar(10) NOT NULL CHECK (delivery_language IN ('cy', 'en', 'BILINGUAL')),
        region varchar(60),
        starts_at ${t.instant} NOT NULL,
        ends_at ${t.instant} NOT NULL,
        slot_minutes ${t.int} NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
        status varchar(12) NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'LIVE', 'CLOSED', 'CANCELLED')),
        cancel_reason varchar(500),
        revision ${t.int} NOT NULL,
        created_at ${t.instant} NOT NULL,
        updated_at ${t.instant} NOT NULL,
        CHECK (ends_at > starts_at)
      )`,
      `CREATE INDEX themed_sessions_listing ON themed_sessions (status, starts_at, id)`,
      `CREATE TABLE session_conditions (
        session_id ${t.id} NOT NULL REFERENCES themed_sessions (id) ON DELETE CASCADE,
        condition_code varchar(60) NOT NULL,
        PRIMARY KEY (session_id, condition_code)
      )`,
      `CREATE INDEX session_conditions_condition ON session_conditions (condition_code)`,
      `CREATE TABLE slots (
        id ${t.id} PRIMARY KEY,
        session_id ${t.id} NOT NULL REFERENCES themed_sessions (id) ON DELETE CASCADE,
        idx ${t.int} NOT NULL CHECK (idx >= 0),
        starts_at ${t.instant} NOT NULL,
        ends_at ${t.instant} NOT NULL,
        is_break ${t.bool} NOT NULL,
        UNIQUE (session_id, idx),
        CHECK (ends_at > starts_at)
      )`,
      `CREATE TABLE session_proposals (
        id ${t.id} PRIMARY KEY,
        proposer_id ${t.id} NOT NULL REFERENCES users (id),
        title varchar(200) NOT NULL,
        description ${t.text} NOT NULL,
        conditions ${t.json} NOT NULL,
        region varchar(60),
        status varchar(12) NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED')),
        decline_reason varchar(500),
        decided_by_id ${t.id} REFERENCES users (id),
        session_id ${t.id} REFERENCES themed_sessions (id),
        created_at ${t.instant} NOT NULL,
        decided_at ${t.instant}
      )`,
      `CREATE TABLE registrations (
        id ${t.id} PRIMARY KEY,
        session_id ${t.id} NOT NULL REFERENCES themed_sessions (id) ON DELETE CASCADE,
        user_id ${t.id} NOT NULL REFERENCES users (id),
        role varchar(5) NOT NULL CHECK (role IN ('HOST', 'GUEST')),
        created_at ${t.instant} NOT NULL,
        UNIQUE (session_id, user_id)
      )`,
      `CREATE INDEX registrations_user ON registrations (user_id)`,
      `CREATE TABLE availability (
        registration_id ${t.id} NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
        slot_id ${t.id} NOT NULL REFERENCES slots (id) ON DELETE CASCADE,
        PRIMARY KEY (registration_id, slot_id)
      )`,
      `CREATE TABLE offers (
        id ${t.id} PRIMARY KEY,
        session_id ${t.id} NOT NULL REFERENCES themed_sessions (id) ON DELETE CASCADE,
        slot_id ${t.id} NOT NULL REFERENCES slots (id),
        host_id ${t.id} NOT NULL REFERENCES users (id),
        seats ${t.int} NOT NULL CHECK (seats BETWEEN 1 AND 50),
        created_at ${t.instant} NOT NULL,
        withdrawn_at ${t.instant},
        UNIQUE (id, seats)
      )`,
      `CREATE UNIQUE INDEX offers_one_per_host_slot ON offers (host_id, slot_id) WHERE withdrawn_at IS NULL`,
      `CREATE INDEX offers_session ON offers (session_id, slot_id)`,
      `CREATE TABLE meeting_requests (
        id ${t.id} PRIMARY KEY,
        session_id ${t.id} NOT NULL REFERENCES themed_sessions (id) ON DELETE CASCADE,
        from_user_id ${t.id} NOT NULL REFERENCES users (id),
        to_user_id ${t.id} NOT NULL REFERENCES users (id),
        third_party_id ${t.id} REFERENCES users (id),
        third_party_status varchar(12),
        message varchar(1000) NOT NULL,
        status varchar(12) NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'EXPIRED')),
        awaiting_schedule ${t.bool} NOT NULL,
        meeting_id ${t.id},
        decline_reason varchar(500),
        created_at ${t.instant} NOT NULL,
        responded_at ${t.instant},
        CHECK (from_user_id <> to_user_id),
        CHECK ((third_party_id IS NULL) = (third_party_status IS NULL))
      )`,
      `CREATE UNIQUE INDEX meeting_requests_one_pending_pair ON meeting_requests (session_id, from_user_id, to_user_id) WHERE status = 'PENDING'`,
      `CREATE INDEX meeting_requests_to ON meeting_requests (to_user_id, status)`,
      `CREATE INDEX meeting_requests_from ON meeting_requests (from_user_id, status)`,
      `CREATE TABLE meetings (
        id ${t.id} PRIMARY KEY,
        session_id ${t.id} NOT NULL REFERENCES themed_sessions (id) ON DELETE CASCADE,
        slot_id ${t.id} NOT NULL REFERENCES slots (id),
        offer_id ${t.id} REFERENCES offers (id),
        host_id ${t.id} NOT NULL REFERENCES users (id),
        source varchar(16) NOT NULL CHECK (source IN ('BOOKED', 'REQUESTED', 'AUTO_SCHEDULED')),
        status varchar(12) NOT NULL CHECK (status IN ('PROPOSED', 'CONFIRMED', 'IN_PROGRESS', 'COMPLETED', 'NO_SHOW', 'CANCELLED')),
        starts_at ${t.instant} NOT NULL,
        ends_at ${t.instant} NOT NULL,
        room_name varchar(64) NOT NULL UNIQUE,
        request_id ${t.id} REFERENCES meeting_requests (id),
        rescheduled_from_id ${t.id} REFERENCES meetings (id),
        cancel_reason varchar(500),
        cancelled_by_id ${t.id} REFERENCES users (id),
        sequence ${t.int} NOT NULL,
        created_at ${t.instant} NOT NULL,
        updated_at ${t.instant} NOT NULL,
        CHECK (ends_at > starts_at)
      )`,
      // One live meeting per offer: group guests join it rather than start another.
      `CREATE UNIQUE INDEX meetings_one_live_per_offer ON meetings (offer_id) WHERE offer_id IS NOT NULL AND status <> 'CANCELLED'`,
      `CREATE INDEX meetings_session_slot ON meetings (session_id, slot_id)`,
      `CREATE TABLE meeting_participants (
        id ${t.id} PRIMARY KEY,
        meeting_id ${t.id} NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
        user_id ${t.id} NOT NULL REFERENCES users (id),
        slot_id ${t.id} NOT NULL REFERENCES slots (id),
        role varchar(12) NOT NULL CHECK (role IN ('HOST', 'GUEST', 'THIRD_PARTY')),
        active ${t.bool} NOT NULL,
        offer_id ${t.id},
        seats ${t.int},
        seat_no ${t.int},
        confirmed_at ${t.instant},
        created_at ${t.instant} NOT NULL,
        FOREIGN KEY (offer_id, seats) REFERENCES offers (id, seats) ON UPDATE CASCADE,
        CHECK (seat_no IS NULL OR (seat_no >= 1 AND seat_no <= seats)),
        CHECK ((role = 'GUEST') = (seat_no IS NOT NULL))
      )`,
      `CREATE UNIQUE INDEX meeting_participants_one_per_person_slot ON meeting_participants (user_id, slot_id) WHERE active`,
      `CREATE UNIQUE INDEX meeting_participants_one_per_seat ON meeting_participants (meeting_id, seat_no) WHERE active AND seat_no IS NOT NULL`,
      `CREATE INDEX meeting_participants_meeting ON meeting_participants (meeting_id)`,
      `CREATE INDEX meeting_participants_user ON meeting_participants (user_id, active)`,
    ];
    for (const statement of statements) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    const tables = [
      'meeting_participants',
      'meetings',
      'meeting_requests',
      'offers',
      'availability',
      'registrations',
      'session_proposals',
      'slots',
      'session_conditions',
      'themed_sessions',
      'profiles',
      'taxonomy_terms',
      'invitations',
      'login_sessions',
      'users',
      'organisations',
    ];
    for (const table of tables) await runner.query(`DROP TABLE ${table}`);
  }
}
