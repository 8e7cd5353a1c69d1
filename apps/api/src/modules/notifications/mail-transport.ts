import { Logger } from '@nestjs/common';
import nodemailer, { SendMailOptions, Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { AppConfig } from '../../config/app-config';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { DeliveryChannel } from './notifications.enums';

/** Where the worker hands an e-mail; throws when it could not be delivered (the row is retried). */
export abstract class MailTransport {
  abstract readonly channel: DeliveryChannel;
  abstract send(mail: OutboxMessageEntity): Promise<void>;
  close(): void {}
}

/** Embedded default: the e-mail stays in the outbox (shown in the app) and a line goes to the console. */
export class ConsoleOutboxTransport extends MailTransport {
  readonly channel = DeliveryChannel.OUTBOX;
  private readonly logger = new Logger('Outbox');

  async send(mail: OutboxMessageEntity): Promise<void> {
    this.logger.log(`e-mail ${mail.kind} to ${mail.recipientEmail} [${mail.language}]: ${mail.subject}${mail.icsMethod ? ` (+ .ics ${mail.icsMethod})` : ''}`);
  }
}

/** Production: nodemailer over SMTP (SMTP_URL). */
export class SmtpTransport extends MailTransport {
  readonly channel = DeliveryChannel.SMTP;
  private readonly transporter: Transporter;

  constructor(private readonly config: AppConfig) {
    super();
    const timeout = config.smtpTimeoutSeconds * 1000;
    const options: SMTPTransport.Options & { url: string } = { url: config.smtpUrl!, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout };
    this.transporter = nodemailer.createTransport(options);
  }

  async send(mail: OutboxMessageEntity): Promise<void> {
    const attachments: NonNullable<SendMailOptions['attachments']> = [];
    if (mail.ics) attachments.push({ filename: 'invite.ics', content: mail.ics, contentType: `text/calendar; charset=utf-8; method=${mail.icsMethod}` });
    if (mail.icsReplaced) attachments.push({ filename: 'cancelled.ics', content: mail.icsReplaced, contentType: 'text/calendar; charset=utf-8; method=CANCEL' });
    await this.transporter.sendMail({
      from: this.config.mailFrom,
      to: mail.recipientEmail,
      subject: mail.subject,
      text: mail.bodyText,
      html: mail.bodyHtml,
      // The outbox row's id: a receiver can tell a resend after a crash from a new e-mail.
      messageId: `<${mail.id}@cyswllt>`,
      headers: { 'Content-Language': mail.language, 'X-Cyswllt-Kind': mail.kind },
      icalEvent: mail.ics ? { method: mail.icsMethod ?? 'REQUEST', content: mail.ics } : undefined,
      attachments,
    });
  }

  override close(): void {
    this.transporter.close();
  }
}

export function mailTransportFor(config: AppConfig): MailTransport {
  return config.smtpUrl ? new SmtpTransport(config) : new ConsoleOutboxTransport();
}
