import { simpleParser, ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** RCPT TO addresses. */
  to: string[];
  parsed: ParsedMail;
}

/**
 * A real SMTP server on a free loopback port (the `smtp-server` package) that keeps what it
 * receives. `refuse = true` answers every RCPT TO with a temporary 451 failure; `stall = true`
 * accepts connections but never greets (the client's timeout decides).
 */
export interface SmtpSink {
  url: string;
  mails: ReceivedMail[];
  refuse: boolean;
  stall: boolean;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const sink: SmtpSink = {
    url: '',
    mails,
    refuse: false,
    stall: false,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // Stalled connections are dropped on close instead of waited for.
    closeTimeout: 100,
    onConnect(_session, callback) {
      if (!sink.stall) callback();
    },
    onRcptTo(address, _session, callback) {
      if (sink.refuse)
        return callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        simpleParser(Buffer.concat(chunks))
          .then((parsed) => {
            mails.push({ to: session.envelope.rcptTo.map((r) => r.address), parsed });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  sink.url = `smtp://127.0.0.1:${port}`;
  return sink;
}
