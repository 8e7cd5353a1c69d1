import { Logger } from '@nestjs/common';
import nodemailer, { SendMailOptions, Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { AppConfig } from '../../config/app-config';
import { OutgoingMail } from './mail-renderer';
import { DeliveryChannel } from './notifications.enums';

/** Where the worker hands an e-mail; throws when it could not be delivered (the row is retried). */
export abstract class MailTransport {
  abstract readonly channel: DeliveryChannel;
  abstract send(mail: OutgoingMail): Promise<void>;
  close(): void {}
}

/**
 * Embedded default: the e-mail stays in the outbox (shown in the app) and a line goes to the
 * console — by outbox id, never the address or the subject (which may name people): logs cannot be
 * reached by account erasure.
 */
export class ConsoleOutboxTransport extends MailTransport {
  readonly channel = DeliveryChannel.OUTBOX;
  private readonly logger = new Logger('Outbox');

  async send(mail: OutgoingMail): Promise<void> {
    this.logger.log(
      `e-mail ${mail.id} (${mail.kind}, ${mail.language ?? 'cy+en'}${mail.icsMethod ? `, .ics ${mail.icsMethod}` : ''}) kept in the outbox`,
    );
  }
}

/** Production: nodemailer over SMTP (SMTP_URL). */
export class SmtpTransport extends MailTransport {
  readonly channel = DeliveryChannel.SMTP;
  private readonly transporter: Transporter;

  constructor(private readonly config: AppConfig) {
    super();
    const timeout = config.smtpTimeoutSeconds * 1000;
    // Pooled: a batch reuses open connections instead of a TCP + greeting round per e-mail (the
    // fault bench measured about 17 e-mails/s with one connection per e-mail).
    const options = {
      url: config.smtpUrl!,
      pool: true,
      maxConnections: 3,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    } as SMTPTransport.Options & { url: string };
    this.transporter = nodemailer.createTransport(options);
  }

  async send(mail: OutgoingMail): Promise<void> {
    const attachments: NonNullable<SendMailOptions['attachments']> = [];
    if (mail.ics)
      attachments.push({
        filename: 'invite.ics',
        content: mail.ics,
        contentType: `text/calendar; charset=utf-8; method=${mail.icsMethod}`,
      });
    if (mail.icsReplaced)
      attachments.push({
        filename: 'cancelled.ics',
        content: mail.icsReplaced,
        contentType: 'text/calendar; charset=utf-8; method=CANCEL',
      });
    await this.transporter.sendMail({
      from: this.config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      // The outbox row's id: a receiver can tell a resend after a crash from a new e-mail.
      messageId: `<${mail.id}@cyswllt>`,
      headers: {
        'Content-Language': mail.language ?? 'cy, en',
        'X-Cyswllt-Kind': mail.kind,
        // RFC 8058: mail programs may POST "List-Unsubscribe=One-Click" to the link.
        ...(mail.unsubscribeUrl ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
      },
      list: mail.unsubscribeUrl ? { unsubscribe: mail.unsubscribeUrl } : undefined,
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
