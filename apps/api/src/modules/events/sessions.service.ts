import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, hasRole, Role } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Ticker } from '../../core/clock/ticker';
import { Database } from '../../core/database/database';
import { CommonError } from '../../core/errors/common.errors';
import { assertTransition, sourcesOf } from '../../core/errors/state-machine';
import { Vocabulary } from '../profiles/profiles.enums';
import { TaxonomyService } from '../profiles/taxonomy.service';
import { SlotEntity } from './entities/slot.entity';
import { ThemedSessionEntity } from './entities/themed-session.entity';
import { SessionStatus, SessionTheme } from './events.enums';
import { EventsError, EventsErrorCode } from './events.errors';
import {
  CreateSessionInput,
  SessionFilterInput,
  SessionTextsInput,
  SlotGridInput,
  UpdateSessionInput,
} from './inputs/session.inputs';
import { SessionChangeListeners } from './session-change-listener';
import { SESSION_TRANSITIONS } from './session-transitions';
import { SessionsRepository } from './sessions.repository';
import { GridSlot, isGridProblem, slotGrid } from './slot-grid';

const PUBLIC_STATUSES = [SessionStatus.PUBLISHED, SessionStatus.LIVE, SessionStatus.CLOSED, SessionStatus.CANCELLED];
const MAX_PAGE = 50;

export interface SessionPage {
  sessions: ThemedSessionEntity[];
  hasNextPage: boolean;
}

export interface PreparedDraft {
  session: ThemedSessionEntity;
  conditions: string[];
  slots: SlotEntity[];
}

export function encodeCursor(session: ThemedSessionEntity): string {
  return Buffer.from(`${session.startsAt.toISOString()}|${session.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { startsAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const startsAt = new Date(iso ?? '');
  if (!id || Number.isNaN(startsAt.getTime()))
    throw new EventsError(EventsErrorCode.INVALID_CURSOR, 'That page cursor is not valid.');
  return { startsAt, id };
}

@Injectable()
export class SessionsService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionsRepository,
    private readonly taxonomy: TaxonomyService,
    private readonly listeners: SessionChangeListeners,
    private readonly clock: Clock,
    private readonly ticker: Ticker,
  ) {}

  onModuleInit(): void {
    this.ticker.register('sessions: LIVE and CLOSED by the clock', () => this.advanceByClock());
  }

  /** The grid a session would have, without saving anything. */
  previewGrid(input: SlotGridInput): GridSlot[] {
    return this.grid(input.startsAt, input.endsAt, input.slotMinutes, input.breakSlotIndexes);
  }

  async create(actor: Actor, input: CreateSessionInput): Promise<ThemedSessionEntity> {
    const draft = await this.prepareDraft(actor, input);
    await this.db.write((em) => this.saveDraft(draft, em));
    return draft.session;
  }

  /** Validates a new session and computes its grid; nothing is written yet. */
  async prepareDraft(actor: Actor, input: CreateSessionInput): Promise<PreparedDraft> {
    const conditions = await this.validConditions(input.theme, input.conditions);
    await this.validRegion(input.region);
    const grid = this.grid(input.startsAt, input.endsAt, input.slotMinutes, input.breakSlotIndexes);
    this.assertFuture(input.startsAt);
    const now = this.clock.now();
    const session: ThemedSessionEntity = {
      id: randomUUID(),
      organiserId: actor.id,
      coOrganiserId: null,
      titleCy: input.titleCy.trim(),
      titleEn: input.titleEn.trim(),
      descriptionCy: input.descriptionCy,
      descriptionEn: input.descriptionEn,
      theme: input.theme,
      deliveryLanguage: input.deliveryLanguage,
      region: input.region ?? null,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      slotMinutes: input.slotMinutes,
      registrationCap: input.registrationCap ?? null,
      requestCap: input.requestCap ?? null,
      requestExpiryHours: input.requestExpiryHours ?? null,
      status: SessionStatus.DRAFT,
      cancelReason: null,
      revision: 0,
      createdAt: now,
      updatedAt: now,
    };
    return { session, conditions, slots: grid.map((slot) => this.slotEntity(session.id, slot)) };
  }

  /** Writes a prepared draft inside the caller's transaction. */
  async saveDraft(draft: PreparedDraft, em: EntityManager): Promise<void> {
    await this.sessions.insert(draft.session, em);
    await this.sessions.replaceConditions(draft.session.id, draft.conditions, em);
    await this.sessions.insertSlots(draft.slots, em);
  }

  async update(actor: Actor, id: string, input: UpdateSessionInput): Promise<ThemedSessionEntity> {
    const theme = input.theme;
    const conditions = input.conditions !== undefined || theme !== undefined ? input.conditions : undefined;
    if (input.region !== undefined) await this.validRegion(input.region);
    return this.db.write(async (em) => {
      const session = await this.editable(actor, id, 'edited', em);
      const changes: Partial<ThemedSessionEntity> = { updatedAt: this.clock.now() };
      for (const key of ['titleCy', 'titleEn', 'descriptionCy', 'descriptionEn', 'deliveryLanguage'] as const) {
        if (input[key] !== undefined) Object.assign(changes, { [key]: input[key] });
      }
      if (input.region !== undefined) changes.region = input.region;
      if (input.registrationCap !== undefined) changes.registrationCap = input.registrationCap;
      if (input.requestCap !== undefined) changes.requestCap = input.requestCap;
      if (input.requestExpiryHours !== undefined) changes.requestExpiryHours = input.requestExpiryHours;
      if (theme !== undefined) changes.theme = theme;
      if (conditions !== undefined || theme !== undefined) {
        const codes = await this.validConditions(
          theme ?? session.theme,
          conditions ?? (await this.conditionCodes(session.id)),
        );
        await this.sessions.replaceConditions(session.id, codes, em);
      }
      const gridChanged =
        input.startsAt !== undefined ||
        input.endsAt !== undefined ||
        input.slotMinutes !== undefined ||
        input.breakSlotIndexes !== undefined;
      if (gridChanged) Object.assign(changes, await this.regrid(session, input, em));
      await this.sessions.update(session.id, changes, em);
      // Everyone registered hears of a published session's new end, as of a move.
      if (
        session.status === SessionStatus.PUBLISHED &&
        changes.endsAt &&
        changes.endsAt.getTime() !== session.endsAt.getTime()
      ) {
        await this.listeners.sessionEndChanged(session.id, em, { startsAt: session.startsAt, endsAt: session.endsAt });
      }
      if (changes.registrationCap !== undefined && changes.registrationCap !== session.registrationCap)
        await this.listeners.registrationCapChanged(session.id, em);
      return { ...session, ...changes };
    });
  }

  /** Shifts the whole session to a new start; slots keep their indexes and meetings follow them. */
  async move(actor: Actor, id: string, startsAt: Date): Promise<ThemedSessionEntity> {
    this.assertFuture(startsAt);
    return this.db.write(async (em) => {
      const session = await this.editable(actor, id, 'moved', em);
      const existing = await this.sessions.slotsOf([session.id], em);
      const endsAt = new Date(startsAt.getTime() + (session.endsAt.getTime() - session.startsAt.getTime()));
      const grid = this.grid(
        startsAt,
        endsAt,
        session.slotMinutes,
        existing.filter((s) => s.isBreak).map((s) => s.idx),
      );
      if (grid.length < existing.length) {
        const lost = existing.slice(grid.length).map((s) => s.id);
        await this.assertSlotsFree(lost, em);
        await this.removeSlots(lost, em);
      }
      const now = this.clock.now();
      for (const slot of grid) {
        const current = existing[slot.index];
        if (current) await this.sessions.updateSlot(current.id, { startsAt: slot.startsAt, endsAt: slot.endsAt }, em);
        else await this.sessions.insertSlots([this.slotEntity(session.id, slot)], em);
      }
      const changes = { startsAt, endsAt: grid.at(-1)!.endsAt, revision: session.revision + 1, updatedAt: now };
      await this.sessions.update(session.id, changes, em);
      await this.listeners.sessionMoved(session.id, now, em, { startsAt: session.startsAt, endsAt: session.endsAt });
      return { ...session, ...changes };
    });
  }

  async publish(actor: Actor, id: string): Promise<ThemedSessionEntity> {
    return this.db.write(async (em) => {
      const session = await this.owned(actor, id, em);
      assertTransition('ThemedSession', SESSION_TRANSITIONS, session.status, SessionStatus.PUBLISHED);
      this.assertFuture(session.startsAt);
      await this.changeStatus(session, SessionStatus.PUBLISHED, em);
      return { ...session, status: SessionStatus.PUBLISHED };
    });
  }

  async cancel(actor: Actor, id: string, reason: string): Promise<ThemedSessionEntity> {
    return this.db.write(async (em) => {
      const session = await this.owned(actor, id, em);
      assertTransition('ThemedSession', SESSION_TRANSITIONS, session.status, SessionStatus.CANCELLED);
      const now = this.clock.now();
      await this.changeStatus(session, SessionStatus.CANCELLED, em, {
        cancelReason: reason,
        revision: session.revision + 1,
      });
      await this.listeners.sessionCancelled(session.id, now, em);
      return { ...session, status: SessionStatus.CANCELLED, cancelReason: reason, revision: session.revision + 1 };
    });
  }

  /** A session the caller may see: published ones for anyone, drafts for their organiser. */
  async get(actor: Actor | null, id: string): Promise<ThemedSessionEntity> {
    const session = await this.sessions.findById(id);
    if (!session || !this.canSee(actor, session)) throw CommonError.notFound('ThemedSession', id);
    return session;
  }

  /** For other modules, inside their transactions. Throws NOT_FOUND. */
  async require(id: string, em?: EntityManager): Promise<ThemedSessionEntity> {
    const session = await this.sessions.findById(id, em);
    if (!session) throw CommonError.notFound('ThemedSession', id);
    return session;
  }

  canSee(actor: Actor | null, session: ThemedSessionEntity): boolean {
    if (session.status !== SessionStatus.DRAFT) return true;
    return actor !== null && this.isOrganiserOf(actor, session, { coOrganiser: true });
  }

  /**
   * The access check for a session's organisers: its organiser and admins. With `coOrganiser`,
   * also the co-organiser (a theme's proposer the organiser chose), for the few things they share:
   * seeing the session (drafts too) and its registrations, and editing its texts. Everything else
   * (times, publishing, cancelling, scheduling, dashboards) stays with the organiser.
   */
  isOrganiserOf(actor: Actor, session: ThemedSessionEntity, scope: { coOrganiser?: boolean } = {}): boolean {
    if (actor.id === session.organiserId || actor.roles.includes(Role.ADMIN)) return true;
    return scope.coOrganiser === true && session.coOrganiserId !== null && actor.id === session.coOrganiserId;
  }

  /** The session's titles and descriptions, by its organiser or co-organiser (DRAFT or PUBLISHED). */
  async updateTexts(actor: Actor, id: string, input: SessionTextsInput): Promise<ThemedSessionEntity> {
    return this.db.write(async (em) => {
      const session = await this.editable(actor, id, 'edited', em, { coOrganiser: true });
      const changes: Partial<ThemedSessionEntity> = { updatedAt: this.clock.now() };
      for (const key of ['titleCy', 'titleEn', 'descriptionCy', 'descriptionEn'] as const) {
        if (input[key] !== undefined && input[key] !== null) Object.assign(changes, { [key]: input[key] });
      }
      await this.sessions.update(session.id, changes, em);
      return { ...session, ...changes };
    });
  }

  async list(
    actor: Actor | null,
    filter: SessionFilterInput,
    first: number,
    after: string | undefined,
  ): Promise<SessionPage> {
    const limit = Math.max(1, Math.min(first, MAX_PAGE));
    const wantsPrivate = filter.statuses?.some((s) => !PUBLIC_STATUSES.includes(s)) ?? false;
    if ((filter.mine || wantsPrivate) && !actor) throw CommonError.unauthenticated();
    const organiserOnly = filter.mine || (wantsPrivate && !hasRole(actor!, Role.ADMIN));
    const rows = await this.sessions.list({
      statuses: filter.statuses ?? [SessionStatus.PUBLISHED, SessionStatus.LIVE],
      condition: filter.condition,
      theme: filter.theme,
      region: filter.region,
      language: filter.language,
      from: filter.from,
      to: filter.to,
      organiserId: organiserOnly ? actor!.id : undefined,
      after: after ? decodeCursor(after) : undefined,
      limit: limit + 1,
    });
    return { sessions: rows.slice(0, limit), hasNextPage: rows.length > limit };
  }

  /** For other modules: a slot and its session in one read. Throws NOT_FOUND. */
  async requireSlot(
    sessionId: string,
    slotId: string,
    em?: EntityManager,
  ): Promise<{ slot: SlotEntity; session: ThemedSessionEntity }> {
    const found = await this.sessions.slotWithSession(sessionId, slotId, em ?? this.db.manager);
    if (!found) throw CommonError.notFound('Slot', slotId);
    return found;
  }

  slotsOf(sessionIds: readonly string[], em?: EntityManager): Promise<SlotEntity[]> {
    return this.sessions.slotsOf(sessionIds, em);
  }

  findSlots(slotIds: readonly string[], em?: EntityManager): Promise<SlotEntity[]> {
    return this.sessions.findSlotsByIds(slotIds, em);
  }

  findByIds(ids: readonly string[]): Promise<ThemedSessionEntity[]> {
    return this.sessions.findByIds(ids);
  }

  async conditionCodes(sessionId: string): Promise<string[]> {
    return (await this.sessions.conditionsOf([sessionId])).map((c) => c.conditionCode);
  }

  conditionsOf(sessionIds: readonly string[]) {
    return this.sessions.conditionsOf(sessionIds);
  }

  /** PUBLISHED → LIVE at the start, LIVE → CLOSED at the end. */
  async advanceByClock(): Promise<{ live: number; closed: number }> {
    const now = this.clock.now();
    return this.db.write(async (em) => ({
      live: await this.sessions.advanceByClock(SessionStatus.PUBLISHED, SessionStatus.LIVE, 'starts_at', now, em),
      closed: await this.sessions.advanceByClock(SessionStatus.LIVE, SessionStatus.CLOSED, 'ends_at', now, em),
    }));
  }

  private async regrid(
    session: ThemedSessionEntity,
    input: UpdateSessionInput,
    em: EntityManager,
  ): Promise<Partial<ThemedSessionEntity>> {
    const existing = await this.sessions.slotsOf([session.id], em);
    const published = session.status === SessionStatus.PUBLISHED;
    if (
      published &&
      ((input.startsAt && input.startsAt.getTime() !== session.startsAt.getTime()) ||
        (input.slotMinutes && input.slotMinutes !== session.slotMinutes))
    ) {
      throw new EventsError(
        EventsErrorCode.SESSION_NOT_EDITABLE,
        'A published session keeps its start and slot length: use moveSession to shift it, or change its end to add or remove slots.',
      );
    }
    const startsAt = input.startsAt ?? session.startsAt;
    const endsAt = input.endsAt ?? session.endsAt;
    const slotMinutes = input.slotMinutes ?? session.slotMinutes;
    // Breaks the caller names must exist; kept breaks that fall past a shortened grid go with their slots.
    const slotCount = this.grid(startsAt, endsAt, slotMinutes, []).length;
    const breaks = input.breakSlotIndexes ?? existing.filter((s) => s.isBreak && s.idx < slotCount).map((s) => s.idx);
    const grid = this.grid(startsAt, endsAt, slotMinutes, breaks);
    this.assertFuture(startsAt);
    if (!published) {
      await this.removeSlots(
        existing.map((s) => s.id),
        em,
      );
      await this.sessions.insertSlots(
        grid.map((slot) => this.slotEntity(session.id, slot)),
        em,
      );
      return { startsAt, endsAt, slotMinutes };
    }
    const removed = existing.filter((slot) => slot.idx >= grid.length).map((slot) => slot.id);
    const newBreaks = grid
      .filter((slot) => slot.isBreak && existing[slot.index] && !existing[slot.index]!.isBreak)
      .map((slot) => existing[slot.index]!.id);
    await this.assertSlotsFree([...removed, ...newBreaks], em);
    await this.removeSlots(removed, em);
    for (const slot of grid) {
      const current = existing[slot.index];
      if (!current) await this.sessions.insertSlots([this.slotEntity(session.id, slot)], em);
      else if (current.isBreak !== slot.isBreak)
        await this.sessions.updateSlot(current.id, { isBreak: slot.isBreak }, em);
    }
    return { endsAt, revision: session.revision + 1 };
  }

  private async assertSlotsFree(slotIds: string[], em: EntityManager): Promise<void> {
    const inUse = await this.listeners.slotsInUse(slotIds, em);
    if (inUse.length > 0) {
      throw new EventsError(
        EventsErrorCode.SLOT_HAS_MEETINGS,
        'Some of those slots hold meetings; cancel or move the meetings first.',
        { slotIds: inUse },
      );
    }
  }

  private async removeSlots(slotIds: string[], em: EntityManager): Promise<void> {
    if (slotIds.length === 0) return;
    await this.listeners.slotsRemoved(slotIds, em);
    await this.sessions.deleteSlots(slotIds, em);
  }

  private async changeStatus(
    session: ThemedSessionEntity,
    to: SessionStatus,
    em: EntityManager,
    extra: Partial<ThemedSessionEntity> = {},
  ): Promise<void> {
    const moved = await this.sessions.transition(
      session.id,
      sourcesOf(SESSION_TRANSITIONS, to),
      to,
      this.clock.now(),
      em,
      extra,
    );
    if (!moved) throw CommonError.invalidTransition('ThemedSession', session.status, to);
  }

  /** The session, for one of its organisers (or an admin): NOT_FOUND or NOT_SESSION_ORGANISER otherwise. */
  organisedBy(actor: Actor, id: string, em: EntityManager = this.db.manager): Promise<ThemedSessionEntity> {
    return this.owned(actor, id, em);
  }

  private async owned(
    actor: Actor,
    id: string,
    em: EntityManager,
    scope: { coOrganiser?: boolean } = {},
  ): Promise<ThemedSessionEntity> {
    const session = await this.sessions.findById(id, em);
    if (!session || !this.canSee(actor, session)) throw CommonError.notFound('ThemedSession', id);
    if (!this.isOrganiserOf(actor, session, scope)) {
      throw new EventsError(EventsErrorCode.NOT_SESSION_ORGANISER, 'Only the session’s organiser can change it.', {
        sessionId: id,
      });
    }
    return session;
  }

  /** The organiser's own session, while it may still change (DRAFT or PUBLISHED). */
  private async editable(
    actor: Actor,
    id: string,
    change: 'edited' | 'moved',
    em: EntityManager,
    scope: { coOrganiser?: boolean } = {},
  ): Promise<ThemedSessionEntity> {
    const session = await this.owned(actor, id, em, scope);
    if (session.status !== SessionStatus.DRAFT && session.status !== SessionStatus.PUBLISHED) {
      throw new EventsError(EventsErrorCode.SESSION_NOT_EDITABLE, `A ${session.status} session cannot be ${change}.`, {
        status: session.status,
      });
    }
    return session;
  }

  private grid(startsAt: Date, endsAt: Date, slotMinutes: number, breaks: readonly number[]): GridSlot[] {
    const result = slotGrid(startsAt, endsAt, slotMinutes, breaks);
    if (!isGridProblem(result)) return result;
    const messages: Record<typeof result.kind, string> = {
      END_NOT_AFTER_START: 'The session must end after it starts.',
      SLOT_LENGTH_DOES_NOT_DIVIDE: 'The slot length must divide the session’s length exactly.',
      TOO_MANY_SLOTS: 'That session would have too many slots.',
      BREAK_OUT_OF_RANGE: 'A break names a slot the session does not have.',
    };
    const { kind, ...details } = result;
    throw new EventsError(EventsErrorCode[kind], messages[kind], details);
  }

  private assertFuture(startsAt: Date): void {
    if (startsAt.getTime() <= this.clock.now().getTime()) {
      throw new EventsError(EventsErrorCode.SESSION_IN_PAST, 'The session must start in the future.');
    }
  }

  private async validConditions(theme: SessionTheme, codes: string[]): Promise<string[]> {
    if (theme === SessionTheme.OPEN) return [];
    const unique = [...new Set(codes)];
    if (unique.length === 0) {
      throw new EventsError(
        EventsErrorCode.CONDITIONS_REQUIRED,
        'A condition-themed session needs at least one condition.',
      );
    }
    await this.taxonomy.assertCodes(Vocabulary.CONDITION, unique);
    return unique;
  }

  private async validRegion(region: string | null | undefined): Promise<void> {
    if (region) await this.taxonomy.assertCodes(Vocabulary.REGION, [region]);
  }

  private slotEntity(sessionId: string, slot: GridSlot): SlotEntity {
    return {
      id: randomUUID(),
      sessionId,
      idx: slot.index,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      isBreak: slot.isBreak,
    };
  }
}
