import { Injectable } from '@nestjs/common';
import { Actor } from '../../core/auth/role';
import { AccountsService } from '../accounts/accounts.service';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { MailRenderer, OutgoingMail } from './mail-renderer';
import { NotificationPreferenceInput } from './inputs/notification.inputs';
import { NotificationPreference } from './models/notification.models';
import { NotificationsError } from './notifications.errors';
import { ESSENTIAL_KINDS, NotificationKind, OutboxStatus, PREFERENCE_KINDS } from './notifications.enums';
import { OutboxRepository } from './outbox.repository';

const MAX_PAGE = 200;

export interface RenderedRow {
  row: OutboxMessageEntity;
  mail: OutgoingMail | null;
}

@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxRepository,
    private readonly renderer: MailRenderer,
    private readonly accounts: AccountsService,
    private readonly clock: Clock,
  ) {}

  /** The caller's own e-mails, newest first (the embedded mode's outbox page). */
  async myOutbox(actor: Actor, first: number): Promise<RenderedRow[]> {
    return this.withMail(await this.outbox.listForRecipient(actor.id, clamp(first)));
  }

  /** Everyone's e-mails (admins). */
  async all(first: number, statuses?: OutboxStatus[]): Promise<RenderedRow[]> {
    return this.withMail(await this.outbox.list(clamp(first), statuses));
  }

  /** Rows keep only the event: the page shows the e-mail rendered from it, as the worker sent it. */
  private async withMail(rows: OutboxMessageEntity[]): Promise<RenderedRow[]> {
    const mails = await this.renderer.render(rows);
    return rows.map((row) => ({ row, mail: mails.get(row.id) ?? null }));
  }

  async preferences(actor: Actor): Promise<NotificationPreference[]> {
    const stored = new Map((await this.outbox.preferencesOf(actor.id)).map((row) => [row.kind, row.enabled]));
    return PREFERENCE_KINDS.map((kind) => NotificationPreference.of(kind, stored.get(kind) ?? true));
  }

  /** One-click unsubscribe: turns an optional kind off for a person; false when there is no such person. */
  async switchOff(userId: string, kind: NotificationKind): Promise<boolean> {
    if (ESSENTIAL_KINDS.has(kind)) return false;
    const [user] = await this.accounts.findUsers([userId]);
    if (!user) return false;
    await this.db.write((em) => this.outbox.upsertPreference(userId, kind, false, this.clock.now(), em));
    return true;
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
