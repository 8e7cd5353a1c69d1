import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OutboxMessageEntity } from '../entities/outbox-message.entity';
import { OutgoingMail } from '../mail-renderer';
import {
  CalendarMethod,
  DeliveryChannel,
  ESSENTIAL_KINDS,
  NotificationKind,
  OutboxStatus,
} from '../notifications.enums';

registerEnumType(NotificationKind, { name: 'NotificationKind' });
registerEnumType(OutboxStatus, { name: 'OutboxStatus' });
registerEnumType(DeliveryChannel, { name: 'DeliveryChannel' });
registerEnumType(CalendarMethod, { name: 'CalendarMethod' });

@ObjectType({
  description:
    'One e-mail in the outbox: queued with the change that caused it, then delivered (SMTP, or kept in the app in embedded mode).',
})
export class OutboxMessage {
  @Field(() => ID)
  id: string;

  @Field(() => NotificationKind)
  kind: NotificationKind;

  @Field(() => ID, { nullable: true, description: 'Null for an invitation, sent to an address with no account yet.' })
  recipientId: string | null;

  @Field()
  recipientEmail: string;

  @Field({
    description: 'cy or en: the recipient’s preferred language when it was written; "cy, en" when it is in both.',
  })
  language: string;

  @Field()
  subject: string;

  @Field()
  bodyText: string;

  @Field()
  bodyHtml: string;

  @Field(() => String, { nullable: true, description: 'The attached calendar invitation (.ics), if any.' })
  ics: string | null;

  @Field(() => CalendarMethod, { nullable: true })
  icsMethod: CalendarMethod | null;

  @Field(() => ID, { nullable: true })
  meetingId: string | null;

  @Field(() => ID, { nullable: true })
  requestId: string | null;

  @Field(() => OutboxStatus)
  status: OutboxStatus;

  @Field(() => DeliveryChannel, { nullable: true, description: 'How it went out, once SENT.' })
  channel: DeliveryChannel | null;

  @Field(() => Int)
  attempts: number;

  @Field()
  nextAttemptAt: Date;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  sentAt: Date | null;

  /** The row with its e-mail rendered now (from the stored event); `mail` is null when its recipient or session is gone. */
  static from(entity: OutboxMessageEntity, mail: OutgoingMail | null): OutboxMessage {
    return Object.assign(new OutboxMessage(), {
      id: entity.id,
      kind: entity.kind,
      recipientId: entity.recipientId,
      recipientEmail: mail?.to ?? '',
      language: entity.language ?? 'cy, en',
      subject: mail?.subject ?? '',
      bodyText: mail?.text ?? '',
      bodyHtml: mail?.html ?? '',
      ics: mail?.ics ?? null,
      icsMethod: mail?.icsMethod ?? null,
      meetingId: entity.meetingId,
      requestId: entity.requestId,
      status: entity.status,
      channel: entity.channel,
      attempts: entity.attempts,
      nextAttemptAt: entity.nextAttemptAt,
      lastError: entity.lastError,
      createdAt: entity.createdAt,
      sentAt: entity.sentAt,
    });
  }
}

@ObjectType()
export class NotificationPreference {
  @Field(() => NotificationKind)
  kind: NotificationKind;

  @Field()
  enabled: boolean;

  @Field({ description: 'Booking confirmations and cancellations: always sent, cannot be switched off.' })
  essential: boolean;

  static of(kind: NotificationKind, enabled: boolean): NotificationPreference {
    const essential = ESSENTIAL_KINDS.has(kind);
    return Object.assign(new NotificationPreference(), { kind, enabled: essential || enabled, essential });
  }
}

@ObjectType({
  description: 'Your private calendar feed: subscribe to its URL in a calendar program to see your agenda there.',
})
export class CalendarFeed {
  @Field(() => String, {
    nullable: true,
    description:
      'The feed’s URL, with its secret: given only when the feed is created or rotated (only a hash is stored). Keep it private.',
  })
  url: string | null;

  @Field({ description: 'When the current secret was issued.' })
  createdAt: Date;

  static from(feed: { createdAt: Date }, url: string | null = null): CalendarFeed {
    return Object.assign(new CalendarFeed(), { url, createdAt: feed.createdAt });
  }
}
