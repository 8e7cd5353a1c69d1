import type { DestinationStream } from 'pino';

/** A pino destination that keeps every JSON line, for tests that read the app's logs back. */
export class LogCapture implements DestinationStream {
  readonly lines: Record<string, unknown>[] = [];
  readonly raw: string[] = [];

  write(line: string): void {
    this.raw.push(line);
    this.lines.push(JSON.parse(line) as Record<string, unknown>);
  }

  /** Every line written while handling the request with this id. */
  ofRequest(requestId: string): Record<string, unknown>[] {
    return this.lines.filter((line) => line.reqId === requestId);
  }

  text(): string {
    return this.raw.join('');
  }
}
