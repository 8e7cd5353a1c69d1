import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { RequestContext } from '../../core/graphql/request-context';
import { byKeys, groupByKeys } from '../../core/graphql/request-loaders';
import { SlotEntity } from './entities/slot.entity';
import { ThemedSessionEntity } from './entities/themed-session.entity';
import { SessionsService } from './sessions.service';

/** Sessions, slots and condition codes, batched per request. Exported for booking and others. */
@Injectable()
export class EventsLoaders {
  constructor(private readonly sessions: SessionsService) {}

  session(ctx: RequestContext, id: string): Promise<ThemedSessionEntity | null> {
    return this.sessionLoader(ctx).load(id);
  }

  primeSessions(ctx: RequestContext, sessions: ThemedSessionEntity[]): void {
    const loader = this.sessionLoader(ctx);
    for (const session of sessions) loader.prime(session.id, session);
  }

  slotsOfSession(ctx: RequestContext, sessionId: string): Promise<SlotEntity[]> {
    return ctx.loaders
      .get(
        'slotsOfSession',
        () =>
          new DataLoader(async (ids: readonly string[]) =>
            groupByKeys(ids, await this.sessions.slotsOf(ids), (s) => s.sessionId),
          ),
      )
      .load(sessionId);
  }

  slot(ctx: RequestContext, id: string): Promise<SlotEntity | null> {
    return this.slotLoader(ctx).load(id);
  }

  primeSlots(ctx: RequestContext, slots: SlotEntity[]): void {
    const loader = this.slotLoader(ctx);
    for (const slot of slots) loader.prime(slot.id, slot);
  }

  conditionCodes(ctx: RequestContext, sessionId: string): Promise<string[]> {
    return ctx.loaders
      .get(
        'conditionsOfSession',
        () =>
          new DataLoader(async (ids: readonly string[]) =>
            groupByKeys(ids, await this.sessions.conditionsOf(ids), (c) => c.sessionId).map((rows) =>
              rows.map((c) => c.conditionCode),
            ),
          ),
      )
      .load(sessionId);
  }

  private sessionLoader(ctx: RequestContext): DataLoader<string, ThemedSessionEntity | null> {
    return ctx.loaders.get(
      'sessionById',
      () =>
        new DataLoader(async (ids: readonly string[]) => byKeys(ids, await this.sessions.findByIds(ids), (s) => s.id)),
    );
  }

  private slotLoader(ctx: RequestContext): DataLoader<string, SlotEntity | null> {
    return ctx.loaders.get(
      'slotById',
      () =>
        new DataLoader(async (ids: readonly string[]) => byKeys(ids, await this.sessions.findSlots(ids), (s) => s.id)),
    );
  }
}
