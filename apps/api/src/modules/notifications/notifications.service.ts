import { Injectable } from '@nestjs/common';
import { Actor } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { NotificationPreferenceInput } from './inputs/notification.inputs';
import { NotificationPreference } from './models/notification.models';
import { NotificationsError } from './notifications.errors';
import { ESSENTIAL_KINDS, NotificationKind, OutboxStatus } from './notifications.enums';
import { OutboxRepository } from './outbox.repository';

const MAX_PAGE = 200;

@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  /** The caller's own e-mails, newest first (the embedded mode's outbox page). */
  myOutbox(actor: Actor, first: number): Promise<OutboxMessageEntity[]> {
    return this.outbox.listForRecipient(actor.id, clamp(first));
  }

  /** Everyone's e-mails (admins). */
  all(first: number, statuses?: OutboxStatus[]): Promise<OutboxMessageEntity[]> {
    return this.outbox.list(clamp(first), statuses);
  }

  async preferences(actor: Actor): Promise<NotificationPreference[]> {
    const stored = new Map((await this.outbox.preferencesOf(actor.id)).map((row) => [row.kind, row.enabled]));
    return Object.values(NotificationKind).map((kind) => NotificationPreference.of(kind, stored.get(kind) ?? true));
  }

  async updatePreferences(actor: Actor, changes: NotificationPreferenceInput[]): Promise<NotificationPreference[]> {
    const refused = changes.filter((c) => !c.enabled && ESSENTIAL_KINDS.has(c.kind)).map((c) => c.kind);
    if (refused.length > 0) throw NotificationsError.essential(refused);
    const now = this.clock.now();
    await this.db.write(async (em) => {
      for (const change of changes) await this.outbox.upsertPreference(actor.id, change.kind, change.enabled, now, em);
    });
    return this.preferences(actor);
  }
}

function clamp(first: number): number {
  return Math.max(1, Math.min(MAX_PAGE, Math.trunc(first)));
}
