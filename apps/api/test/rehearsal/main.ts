import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { parse as parseCsv } from 'csv-parse/sync';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { Language, Role } from '../../src/core/auth/role';
import { OffsetClock } from '../../src/core/clock/clock';
import { Ticker } from '../../src/core/clock/ticker';
import { Database } from '../../src/core/database/database';
import { AccountsService } from '../../src/modules/accounts/accounts.service';
import { DIRECTORY_PATH } from '../../src/modules/directory/directory.controller';
import { IMPACT_EXPORT_PATH } from '../../src/modules/impact/impact-export.controller';
import type { LiveKitServer } from '../../../../scripts/livekit.mjs';
import { GqlClient } from '../support/gql-client';
import { OrukValidator } from '../support/oruk-validator';
import { startSmtpSink } from '../support/smtp-sink';
import type { FigureCheck, Violation } from './history';
import { InvariantChecker } from './invariants';
import { product } from './product';
import { Recorder } from './recorder';
import { playEvent, type Stage } from './scenario';
import { timeline } from './timeline';

/**
 * `npm run rehearse [-- --seed N --size small|full --db sqlite|postgres --keep --report-only --oruk DIR]`
 *
 * Plays a seeded event (scenario.ts) on the real stack — the built API on a fresh database, a real
 * SMTP listener, a real LiveKit server and the API's controllable clock — and checks the
 * invariants (invariants.ts) after every step. docs/rehearsal.md explains it all.
 */
interface Options {
  seed: number;
  size: 'small' | 'full';
  db: 'sqlite' | 'postgres';
  keep: boolean;
  reportOnly: boolean;
  orukDir: string | undefined;
}

function options(argv: string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const seed = Number(value('--seed') ?? 1);
  const size = value('--size') ?? 'small';
  const db = value('--db') ?? 'sqlite';
  if (!Number.isInteger(seed)) throw new Error('--seed takes an integer');
  if (size !== 'small' && size !== 'full') throw new Error('--size is small or full');
  if (db !== 'sqlite' && db !== 'postgres') throw new Error('--db is sqlite or postgres');
  if (argv.includes('--keep') && db !== 'sqlite')
    throw new Error('--keep leaves the event in the embedded (SQLite) database; drop --db postgres');
  return {
    seed,
    size,
    db,
    keep: argv.includes('--keep'),
    reportOnly: argv.includes('--report-only'),
    orukDir: value('--oruk') ?? process.env.ORUK_DIR,
  };
}

/** The repository's root: the nearest directory up from here holding scripts/livekit.mjs. */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'scripts', 'livekit.mjs'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('scripts/livekit.mjs not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

/** When reminders fall due before a meeting (notifications: REMINDER_DAY and REMINDER_SOON). */
const REMINDER_OFFSETS_MS = [24 * 3600_000, 10 * 60_000];

const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function withPgAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  const began = Date.now();
  const root = repositoryRoot();
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const livekit = (await import(
    pathToFileURL(join(root, 'scripts', 'livekit.mjs')).href
  )) as typeof import('../../../../scripts/livekit.mjs');
  if (!livekit.findLiveKitServer()) throw new Error('livekit-server is not installed (see scripts/livekit.mjs)');

  // Session B's lead: the steps before its room must fit in it (PostgreSQL is slower to get there).
  const tl = timeline(new Date(), opts.size === 'full' ? 150_000 : opts.db === 'postgres' ? 75_000 : undefined);
  /** The Open Referral UK profile's schema files, as the directory's tests use them (beside the repository by default). */
  const orukDir = opts.orukDir ?? join(root, 'vendor', 'oruk');
  const cleanups: (() => Promise<void>)[] = [];
  const notes: string[] = [];
  let app: INestApplication | undefined;
  try {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const apiPort = await livekit.freeTcpPort();
    const lk: LiveKitServer = await livekit.startLiveKit({
      webhookUrls: [`http://127.0.0.1:${apiPort}/livekit/webhook`],
    });
    cleanups.push(() => lk.stop());

    let store: Record<string, unknown>;
    if (opts.db === 'postgres') {
      const name = `cyswllt_rehearsal_${randomBytes(6).toString('hex')}`;
      await withPgAdmin(`CREATE DATABASE ${name}`);
      cleanups.push(() => withPgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      const url = new URL(PG_ADMIN_URL);
      url.pathname = `/${name}`;
      store = { databaseUrl: url.toString() };
    } else {
      const path = opts.keep
        ? resolve(root, 'apps/api/data/cyswllt.sqlite')
        : join(tmpdir(), `cyswllt-rehearsal-${randomBytes(6).toString('hex')}.sqlite`);
      const removeFiles = () =>
        ['', '-wal', '-shm', '-journal'].forEach((suffix) => rmSync(`${path}${suffix}`, { force: true }));
      removeFiles();
      mkdirSync(dirname(path), { recursive: true });
      if (!opts.keep) cleanups.push(async () => removeFiles());
      store = { sqlitePath: path, databaseUrl: undefined };
    }

    const clock = new OffsetClock(tl.eventStart);
    const config = loadConfig(
      {},
      {
        mode: 'test',
        clockControl: true,
        port: apiPort,
        host: '127.0.0.1',
        seedDemo: false,
        lifecycleIntervalMs: 24 * 3600_000,
        // The clock walks about seven weeks; people stay signed in throughout, as if they signed in again.
        sessionTtlHours: 24 * 120,
        smtpUrl: sink.url,
        livekitUrl: lk.url,
        livekitApiKey: lk.apiKey,
        livekitApiSecret: lk.apiSecret,
        livekitDepartureTimeoutSeconds: 1,
        logLevel: 'fatal',
        ...store,
      },
    );
    app = await createApp(config, clock);
    await app.listen(apiPort, '127.0.0.1');
    const nest = app;
    const baseUrl = `http://127.0.0.1:${apiPort}`;
    const db = nest.get(Database);
    const recorder = new Recorder(db, sink, [/<([^>]+)>/.exec(config.mailFrom)?.[1] ?? config.mailFrom]);
    const checker = new InvariantChecker(recorder.history);
    let organiserClient: GqlClient | undefined;
    let step = 0;

    const print = (violations: Violation[]) => {
      for (const v of violations)
        say(`  ✗ step ${v.step} [${v.invariant}] ${v.message}\n      ${v.records.join('\n      ')}`);
    };

    const stage: Stage = {
      graphqlUrl: `${baseUrl}/graphql`,
      baseUrl,
      timeline: tl,
      // Forward to `instant`, or nowhere when real time already took the clock past it.
      moveClock: (instant) => instant > clock.now() && clock.moveTo(instant),
      realTime: () => clock.moveTo(new Date()),
      async walkTo(instant, label) {
        // Every moment a clock-driven job has something to do on the way: each reminder's time.
        const { rows } = await db.sql<{ starts_at: unknown }>(
          `SELECT DISTINCT starts_at FROM meetings WHERE status IN ('PROPOSED', 'CONFIRMED')`,
        );
        const now = clock.now().getTime();
        const moments = new Set<number>();
        for (const row of rows) {
          for (const before of REMINDER_OFFSETS_MS) {
            const due = db.readInstant(row.starts_at).getTime() - before + 1000;
            if (due > now && due < instant.getTime()) moments.add(due);
          }
        }
        for (const moment of [...moments].sort((a, b) => a - b)) {
          stage.moveClock(new Date(moment));
          await stage.step(`${label}: reminders due ${new Date(moment - 1000).toISOString()}`);
        }
        stage.moveClock(instant);
      },
      async step(label, work) {
        step++;
        try {
          await work?.();
        } catch (error) {
          notes.push(`step ${step} (${label}) failed: ${(error as Error).message.split('\n').slice(0, 6).join(' ')}`);
          say(`  ! step ${step} failed: ${(error as Error).message.split('\n')[0]}`);
        }
        await nest.get(Ticker).runNow();
        await nest.get(Ticker).runNow();
        await recorder.record(step, label, clock.now());
        const fresh = checker.check(step);
        say(
          `[${String(step).padStart(2)}] ${clock.now().toISOString()} +${((Date.now() - began) / 1000).toFixed(1)}s ${label} — e-mails ${recorder.history.mails.length}, checks ${checker.checks}, violations ${checker.violations.length}`,
        );
        print(fresh);
      },
      async organiser(email, displayName, password) {
        const user = await nest
          .get(AccountsService)
          .createUser(
            { email, displayName, language: Language.cy, roles: [Role.ORGANISER], organisationId: null },
            password,
          );
        return { id: user.id };
      },
      async inRoom(meetingId, userIds) {
        const { rows } = await db.sql<{ user_id: string }>(
          `SELECT user_id FROM attendance WHERE meeting_id = ? AND first_joined_at IS NOT NULL`,
          [meetingId],
        );
        return userIds.every((id) => rows.some((r) => r.user_id === id));
      },
      async roomFinished(roomName) {
        const { rows } = await db.sql(
          `SELECT id FROM livekit_webhook_events WHERE event = 'room_finished' AND room_name = ?`,
          [roomName],
        );
        return rows.length > 0;
      },
      async readBack() {
        const client = organiserClient!;
        const figures: FigureCheck[] = [];
        const published = (raw: number, reported: number | null): number =>
          reported === null ? (raw >= 5 ? -1 : raw === 0 ? 0 : -1) : raw >= 1 && raw < 5 ? -1 : raw;
        const byStatus = new Map(
          (
            await db.sql<{ status: string; n: number | string }>(
              `SELECT status, COUNT(*) AS n FROM meetings GROUP BY status`,
            )
          ).rows.map((r) => [r.status, Number(r.n)]),
        );
        const totalMeetings = [...byStatus.values()].reduce((a, b) => a + b, 0);
        // Requests sent, less those their senders withdrew (as the dashboard defines them).
        const totalRequests = Number(
          (
            await db.sql<{ n: number | string }>(
              `SELECT COUNT(*) AS n FROM meeting_requests WHERE status <> 'WITHDRAWN'`,
            )
          ).rows[0].n,
        );
        const dashboard = await product.dashboard(client);
        for (const row of dashboard.meetings)
          figures.push({
            name: `dashboard meetings ${row.key}`,
            reported: row.value ?? -1,
            recount: published(byStatus.get(row.key) ?? 0, row.value),
          });
        figures.push({
          name: 'dashboard meetings total',
          reported: dashboard.meetingsTotal ?? -1,
          recount: published(totalMeetings, dashboard.meetingsTotal),
        });
        figures.push({
          name: 'dashboard requests total',
          reported: dashboard.requestsTotal ?? -1,
          recount: published(totalRequests, dashboard.requestsTotal),
        });
        for (const session of recorder.history.sessions) {
          const raw = Number(
            (
              await db.sql<{ n: number | string }>(`SELECT COUNT(*) AS n FROM meetings WHERE session_id = ?`, [
                session.id,
              ])
            ).rows[0].n,
          );
          const summary = await product.outcomeSummary(client, session.id);
          figures.push({
            name: `outcome summary ${session.titleEn}: meetings total`,
            reported: summary.meetingsTotal ?? -1,
            recount: published(raw, summary.meetingsTotal),
          });
        }
        const csv = await product.get(client, baseUrl, IMPACT_EXPORT_PATH);
        const records = parseCsv(csv.text, { columns: true, bom: true }) as {
          table: string;
          row: string;
          value: string;
        }[];
        for (const record of records.filter((r) => r.table === 'meetings_by_status')) {
          const raw = record.row === 'TOTAL' ? totalMeetings : (byStatus.get(record.row) ?? 0);
          const reported = /^\d+$/.test(record.value) ? Number(record.value) : record.value === '–' ? 0 : -1;
          figures.push({
            name: `CSV meetings ${record.row}`,
            reported,
            recount: published(raw, reported === -1 ? null : reported),
          });
        }
        let orukErrors: string[];
        const feed = await product.get(new GqlClient(stage.graphqlUrl), baseUrl, `${DIRECTORY_PATH}/services`);
        if (feed.status !== 200) orukErrors = [`GET ${DIRECTORY_PATH}/services answered ${feed.status}`];
        else orukErrors = new OrukValidator(orukDir).checkPath('/services', JSON.parse(feed.text)).errors;
        recorder.history.readBacks.push({ step, figures, orukErrors });
      },
      note: (text) => notes.push(text),
      registerPerson: (person) =>
        recorder.history.people.push({ id: person.id, email: person.email.toLowerCase(), language: person.language }),
      registerSession: (session) => recorder.history.sessions.push(session),
      mailsTo: (email) =>
        sink.mails.filter((mail) => mail.to.includes(email.toLowerCase())).map((mail) => mail.parsed.text ?? ''),
    };

    say(
      `Rehearsal: seed ${opts.seed}, ${opts.size}, ${opts.db}; session A ${tl.sessionA.startsAt.toISOString()} (clocks go back ${tl.clockChange.toISOString()}), session B ${tl.sessionB.startsAt.toISOString()}`,
    );
    const played = await playEvent(
      {
        ...stage,
        organiser: async (email, name, password) => {
          const made = await stage.organiser(email, name, password);
          organiserClient = new GqlClient(stage.graphqlUrl);
          await product.logIn(organiserClient, email, password);
          return made;
        },
      },
      opts.size,
      opts.seed,
    );
    // The last word: what must have happened by the end.
    const last = recorder.history.snapshots.at(-1)!.step;
    const finalViolations = checker.check(last, true);
    print(finalViolations);

    for (const note of [...new Set(notes)])
      say(
        `  note: ${note}${notes.filter((n) => n === note).length > 1 ? ` (×${notes.filter((n) => n === note).length})` : ''}`,
      );
    const byInvariant = new Map<string, number>();
    for (const v of checker.violations) byInvariant.set(v.invariant, (byInvariant.get(v.invariant) ?? 0) + 1);
    if (byInvariant.size) say(`  violations by invariant: ${[...byInvariant].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    const meetings = new Set(recorder.history.snapshots.flatMap((s) => s.meetings.map((m) => m.id))).size;
    const failedSteps = notes.filter((n) => / failed: /.test(n)).length;
    say(
      JSON.stringify({
        violations: checker.violations.length,
        people: played.people,
        meetings,
        emails: recorder.history.mails.length,
        icsParsed: recorder.icsParsed,
        checks: checker.checks,
        failedSteps,
        seconds: Math.round((Date.now() - began) / 1000),
      }),
    );
    if (opts.keep)
      say(
        `The event is in ${String(store.sqlitePath)}: \`npm start\` shows it (organiser ${played.organiser.email}, password in apps/api/test/rehearsal/scenario.ts).`,
      );
    return (checker.violations.length > 0 || failedSteps > 0) && !opts.reportOnly ? 1 : 0;
  } finally {
    if (app) await app.close();
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
