import { SeededRandom } from '@cyswllt/matching';
import { GqlClient } from '../support/gql-client';
import type { Lang, SessionRecord } from './history';
import { product, type SlotInfo } from './product';
import type { Timeline } from './timeline';

/**
 * The rehearsed event, played through the product's public API (product.ts) by seeded people.
 * The stage (main.ts) owns the running stack: it moves the clock, runs the clock-driven jobs,
 * records and checks after every step.
 */
export interface Stage {
  graphqlUrl: string;
  baseUrl: string;
  timeline: Timeline;
  /** Moves the API's clock forward to `instant` (never back: a no-op when it is already past). */
  moveClock(instant: Date): void;
  /** Walks the clock forward to `instant`, one step at each moment a reminder falls due on the way. */
  walkTo(instant: Date, label: string): Promise<void>;
  /** Lets real time run: the clock at real time (offset 0). */
  realTime(): void;
  /** Runs `work`, then the clock-driven jobs, records the state and the e-mails, checks the invariants. */
  step(label: string, work?: () => Promise<void>): Promise<void>;
  /** The first organiser, made as the operator would (createUser on the server), signed in. */
  organiser(email: string, displayName: string, password: string): Promise<{ id: string }>;
  /** Whether every one of `userIds` has been seen in the meeting's room (from LiveKit's webhooks). */
  inRoom(meetingId: string, userIds: string[]): Promise<boolean>;
  /** Whether LiveKit's room_finished webhook for the room reached the API. */
  roomFinished(roomName: string): Promise<boolean>;
  readBack(): Promise<void>;
  /** An expected refusal or a step the API cannot do yet, for the summary. */
  note(text: string): void;
  registerPerson(person: { id: string; email: string; language: Lang }): void;
  /** The texts of the e-mails delivered to `email` so far (to follow a link in one). */
  mailsTo(email: string): string[];
  registerSession(session: SessionRecord): void;
}

export interface Person {
  id: string;
  name: string;
  email: string;
  language: Lang;
  client: GqlClient;
}

export interface Played {
  people: number;
  organiser: Person;
  sessionIds: string[];
}

const PASSWORD = 'rehearsal pass phrase 2026';
const MINUTE = 60_000;

const WELSH_NAMES = [
  'Angharad',
  'Bethan',
  'Cerys',
  'Dafydd',
  'Eleri',
  'Ffion',
  'Gethin',
  'Heledd',
  'Iwan',
  'Lowri',
  'Meinir',
  'Nia',
  'Owain',
  'Rhodri',
  'Siân',
  'Tomos',
];
const ENGLISH_NAMES = [
  'Alice',
  'Ben',
  'Chloe',
  'Daniel',
  'Emma',
  'Faye',
  'George',
  'Hannah',
  'Isaac',
  'Jess',
  'Kieran',
  'Laura',
  'Matt',
  'Nina',
  'Oliver',
  'Priya',
];

export async function playEvent(stage: Stage, size: 'small' | 'full', seed: number): Promise<Played> {
  const rng = new SeededRandom(seed);
  const random = () => rng.next();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  const t = stage.timeline;
  const counts = size === 'full' ? { hosts: 12, guests: 47 } : { hosts: 4, guests: 10 };
  const browser = () => new GqlClient(stage.graphqlUrl);
  let serial = 0;
  const newPerson = (language: Lang, role: string): Omit<Person, 'id'> => {
    serial++;
    const first = pick(language === 'cy' ? WELSH_NAMES : ENGLISH_NAMES);
    return {
      name: `${first} ${role} ${serial}`,
      email: `${role.toLowerCase()}${serial}@rehearsal.example`,
      language,
      client: browser(),
    };
  };

  // --- The organiser sets the event up -------------------------------------------------------------------
  stage.moveClock(t.eventStart);
  const organiserDraft = newPerson('cy', 'Trefnydd');
  const organiser: Person = { ...organiserDraft, id: '' };
  const sessions: { id: string; slots: SlotInfo[] }[] = [];
  await stage.step('the organiser publishes two themed sessions', async () => {
    organiser.id = (await stage.organiser(organiser.email, organiser.name, PASSWORD)).id;
    await product.logIn(organiser.client, organiser.email, PASSWORD);
    stage.registerPerson(organiser);
    const themes = [
      { titleCy: 'Celf a dementia', titleEn: 'Art and dementia', conditions: ['dementia'], ...t.sessionA },
      { titleCy: 'Dawns a Parkinson’s', titleEn: 'Dance and Parkinson’s', conditions: ['parkinsons'], ...t.sessionB },
    ];
    for (const theme of themes) {
      const session = await product.createSession(organiser.client, {
        titleCy: theme.titleCy,
        titleEn: theme.titleEn,
        descriptionCy: 'Sesiwn ymgynghori',
        descriptionEn: 'Consultation session',
        theme: 'CONDITION',
        conditions: theme.conditions,
        deliveryLanguage: 'BILINGUAL',
        startsAt: theme.startsAt.toISOString(),
        endsAt: theme.endsAt.toISOString(),
        slotMinutes: theme.slotMinutes,
      });
      await product.publishSession(organiser.client, session.id);
      stage.registerSession({
        id: session.id,
        titleCy: theme.titleCy,
        titleEn: theme.titleEn,
        startsAt: theme.startsAt.toISOString(),
        endsAt: theme.endsAt.toISOString(),
        slots: session.slots.map((slot) => ({ startsAt: slot.startsAt, endsAt: slot.endsAt })),
      });
      sessions.push(session);
    }
  });
  const [sessionA, sessionB] = sessions;

  const hosts: Person[] = [];
  await stage.step('the organiser invites hosts; they accept', async () => {
    for (let i = 0; i < counts.hosts; i++) {
      const draft = newPerson(chance(0.5) ? 'cy' : 'en', i % 2 === 0 ? 'Comisiynydd' : 'Cyswllt');
      const token = await product.invite(organiser.client, draft.email, [i % 2 === 0 ? 'COMMISSIONER' : 'LINK_WORKER']);
      const { id } = await product.acceptInvitation(draft.client, {
        token,
        displayName: draft.name,
        password: PASSWORD,
        preferredLanguage: draft.language,
      });
      const host = { ...draft, id };
      stage.registerPerson(host);
      hosts.push(host);
    }
  });

  const guests: Person[] = [];
  await stage.step('practitioners sign up in Welsh and English', async () => {
    for (let i = 0; i < counts.guests; i++) {
      const draft = newPerson(chance(0.45) ? 'cy' : 'en', 'Ymarferydd');
      const { id } = await product.signUp(draft.client, {
        email: draft.email,
        displayName: draft.name,
        password: PASSWORD,
        preferredLanguage: draft.language,
      });
      const guest = { ...draft, id };
      stage.registerPerson(guest);
      guests.push(guest);
    }
  });
  await stage.step('practitioners confirm their address with the e-mailed link and sign in', async () => {
    for (const guest of guests) {
      const link = stage
        .mailsTo(guest.email)
        .map((text) => /\/confirm-email\/([\w-]+)/.exec(text)?.[1])
        .find(Boolean);
      if (!link) throw new Error(`no confirmation e-mail reached ${guest.email}`);
      await product.confirmEmail(guest.client, link);
      await product.logIn(guest.client, guest.email, PASSWORD);
    }
  });

  // --- Availability, offers, registrations -------------------------------------------------------------
  const usable = (session: { slots: SlotInfo[] }) => session.slots.filter((s) => !s.isBreak).map((s) => s.index);
  const offersA: { id: string; slotIndex: number; host: Person }[] = [];
  await stage.step('hosts register and offer slots; practitioners register with their availability', async () => {
    for (const host of hosts) {
      for (const session of sessions) await product.register(host.client, session.id, 'HOST', usable(session));
      const slots = usable(sessionA)
        .filter(() => chance(0.5))
        .slice(0, 3);
      for (const o of await product.offerSlots(host.client, sessionA.id, slots.length ? slots : [0], 1))
        offersA.push({ ...o, host });
    }
    for (const guest of guests) {
      await product.register(guest.client, sessionA.id, 'GUEST');
      const available = usable(sessionB).filter(() => chance(0.7));
      await product.register(guest.client, sessionB.id, 'GUEST', available.length ? available : [0]);
    }
  });

  // --- Bookings in session A, with a self-clash ----------------------------------------------------------
  const booked: { meetingId: string; guest: Person; host: Person; slotIndex: number }[] = [];
  await stage.step('practitioners book slots in session A; one tries to be in two places at once', async () => {
    const free = [...offersA];
    for (const guest of guests) {
      if (free.length === 0 || chance(0.2)) continue;
      const offer = free.splice(Math.floor(random() * free.length), 1)[0];
      const result = await product.bookSlot(guest.client, offer.id);
      if (result.meetingId)
        booked.push({ meetingId: result.meetingId, guest, host: offer.host, slotIndex: offer.slotIndex });
      else stage.note(`booking refused: ${result.error}`);
    }
    const clasher = booked[0];
    const clash = free.find((o) => o.slotIndex === clasher?.slotIndex && o.host !== clasher.host);
    if (clasher && clash) {
      const result = await product.bookSlot(clasher.guest.client, clash.id);
      if (result.meetingId)
        booked.push({
          meetingId: result.meetingId,
          guest: clasher.guest,
          host: clash.host,
          slotIndex: clash.slotIndex,
        });
      else stage.note(`self-clash refused: ${result.error}`);
    }
  });

  // --- Requests in session B, and a theme proposal ------------------------------------------------------
  const requests: { id: string; from: Person; to: Person }[] = [];
  await stage.step('practitioners send meeting requests in session B; one proposes a theme', async () => {
    for (const guest of guests) {
      if (!chance(0.8)) continue;
      const to = pick(hosts);
      const result = await product.sendRequest(
        guest.client,
        sessionB.id,
        to.id,
        guest.language === 'cy' ? 'Hoffwn drafod eich gwaith.' : 'I would like to talk about your work.',
      );
      if (result.requestId) requests.push({ id: result.requestId, from: guest, to });
      else stage.note(`request refused: ${result.error}`);
    }
    await product.proposeTheme(pick(guests).client, 'Cerddoriaeth ac iechyd meddwl', 'Sesiwn am gerddoriaeth a lles.');
  });

  stage.moveClock(new Date(t.eventStart.getTime() + 24 * 3600_000));
  const unanswered: typeof requests = [];
  await stage.step(
    'hosts answer: accept for the auto-schedule, accept at the earliest mutual slot, decline, or leave unanswered; one is withdrawn',
    async () => {
      for (const [i, request] of requests.entries()) {
        const roll = random();
        if (i === 0) await product.withdrawRequest(request.from.client, request.id);
        else if (roll < 0.35)
          noteError(
            stage,
            'accept (auto-schedule)',
            await product.acceptRequest(request.to.client, request.id, 'AUTO_SCHEDULE'),
          );
        else if (roll < 0.55)
          noteError(
            stage,
            'accept (earliest mutual slot)',
            await product.acceptRequest(request.to.client, request.id, 'EARLIEST_MUTUAL'),
          );
        else if (roll < 0.75) await product.declineRequest(request.to.client, request.id, 'Dim lle / No room');
        else unanswered.push(request);
      }
    },
  );

  stage.moveClock(new Date(t.eventStart.getTime() + 3 * 24 * 3600_000 + MINUTE));
  await stage.step(`two days on: ${unanswered.length} unanswered request(s) are nudged`);

  await stage.step('the organiser previews and publishes the auto-schedule of session B', async () => {
    const result = await product.autoSchedule(
      organiser.client,
      sessionB.id,
      () => new Promise((resolve) => setTimeout(resolve, 50)),
    );
    if (result.error) stage.note(`auto-schedule: ${result.error}`);
  });

  // --- Changes: a reschedule and a cancellation in session A ---------------------------------------------
  await stage.step('a practitioner reschedules; another cancels', async () => {
    const moving = booked.find((b) => b.slotIndex < usable(sessionA).length - 1);
    if (moving) {
      const later = sessionA.slots.find(
        (s) =>
          !s.isBreak &&
          s.index > moving.slotIndex &&
          !booked.some((b) => b.slotIndex === s.index && (b.guest === moving.guest || b.host === moving.host)),
      );
      if (later) {
        const result = await product.reschedule(moving.guest.client, moving.meetingId, later.id);
        if (result.meetingId) Object.assign(moving, { meetingId: result.meetingId, slotIndex: later.index });
        else stage.note(`reschedule refused: ${result.error}`);
      }
    }
    const cancelling = booked.at(-1);
    if (cancelling && cancelling !== moving) {
      await product.cancelMeeting(
        cancelling.guest.client,
        cancelling.meetingId,
        cancelling.guest.language === 'cy' ? 'Yn sâl' : 'Unwell',
      );
      booked.splice(booked.indexOf(cancelling), 1);
    }
  });

  // --- Session A, across the clock change: reminders, then meetings by phone or missed ------------------
  await stage.walkTo(new Date(t.sessionA.endsAt.getTime() + 5 * MINUTE), 'towards session A (across the clock change)');
  await stage.step('session A is over: meetings held by phone are reported, others were missed', async () => {
    for (const meeting of booked) {
      if (chance(0.6))
        noteError(
          stage,
          'reportMeetingOutcome',
          await product.reportOutcome(meeting.guest.client, meeting.meetingId, true),
        );
      else if (chance(0.5))
        noteError(stage, 'setMeetingOutcome', await product.setOutcome(organiser.client, meeting.meetingId, false));
    }
  });

  stage.moveClock(new Date(t.sessionA.endsAt.getTime() + 24 * 3600_000));
  await stage.step('after session A: feedback, evidence methods and follow-ups', async () => {
    for (const meeting of booked) {
      if (!chance(0.7)) continue;
      noteError(
        stage,
        'giveMeetingFeedback',
        await product.giveFeedback(meeting.guest.client, meeting.meetingId, 1 + Math.floor(random() * 5), {
          title: meeting.guest.language === 'cy' ? 'Dyddiadur lles' : 'Well-being diary',
          description: meeting.guest.language === 'cy' ? 'Dyddiadur lles wythnosol' : 'A weekly well-being diary',
          conditionCodes: ['dementia'],
          shared: true,
        }),
      );
      if (chance(0.5)) {
        const due = new Date(t.sessionA.endsAt.getTime() + 8 * 24 * 3600_000).toISOString().slice(0, 10);
        noteError(
          stage,
          'recordFollowUpAction',
          await product.recordFollowUp(meeting.host.client, {
            meetingId: meeting.meetingId,
            kind: 'INTRODUCTION',
            description: 'Introduce to the arts team',
            dueOn: due,
            ownerId: meeting.host.id,
          }),
        );
      }
    }
  });

  // --- Session B: reminders, then its first slot played in the real LiveKit room -------------------------
  const bStart = t.sessionB.startsAt.getTime();
  await stage.walkTo(new Date(bStart - 10 * MINUTE + 1000), 'towards session B');
  await stage.step('session B, first slot: ten-minute reminders');

  const bMeetings = await meetingsOf(sessionB.id, [...hosts, ...guests]);
  const firstSlot = bMeetings.filter((m) => Date.parse(m.startsAt) === bStart);
  stage.realTime();
  // Two bots in the first meeting as soon as they can (its room opens ten minutes early); once the
  // meeting has started (real time), one bot in the second meeting — the other participant never comes.
  const rtc = await quietRtc();
  const [early, late] = firstSlot;
  if (!late) stage.note(`session B's first slot holds ${firstSlot.length} meeting(s); the room part wants two`);
  if (early)
    await stage.step('session B opens its rooms: two bots join the first meeting early, then leave', () =>
      playInRoom(stage, rtc, early.id, early.people),
    );
  if (late) {
    await stage.step(
      'session B has started: one bot joins the second meeting; the other participant never comes',
      async () => {
        // The clock is at real time now: wait for the meeting to start.
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, bStart + 5000 - Date.now())));
        await playInRoom(stage, rtc, late.id, late.people.slice(0, 1));
      },
    );
  }
  await rtc.dispose();

  await stage.walkTo(new Date(t.sessionB.endsAt.getTime() + 5 * MINUTE), 'session B');
  await stage.step('session B is over: one meeting was held by phone, the rest settle by themselves', async () => {
    const byPhone = bMeetings.find((m) => Date.parse(m.startsAt) > bStart);
    if (byPhone)
      noteError(stage, 'reportMeetingOutcome', await product.reportOutcome(byPhone.people[0].client, byPhone.id, true));
  });

  stage.moveClock(new Date(t.sessionB.endsAt.getTime() + 2 * 3600_000));
  await stage.step('the dashboard, the outcome summary, the CSV and the ORUK feed are read back', () =>
    stage.readBack(),
  );

  return { people: 1 + hosts.length + guests.length, organiser, sessionIds: sessions.map((s) => s.id) };
}

/** @livekit/rtc-node, loaded with its own logger at info instead of debug (it reads NODE_ENV once, on load). */
async function quietRtc() {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await import('@livekit/rtc-node');
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

/** The people join the meeting's real room with tokens from joinMeeting, stay until the API has seen them all, then leave. */
async function playInRoom(
  stage: Stage,
  rtc: Awaited<ReturnType<typeof quietRtc>>,
  meetingId: string,
  people: Person[],
): Promise<void> {
  const rooms: InstanceType<typeof rtc.Room>[] = [];
  let roomName = '';
  try {
    for (const person of people) {
      const ticket = await product.joinMeeting(person.client, meetingId);
      roomName = ticket.roomName;
      const room = new rtc.Room();
      await room.connect(ticket.url, ticket.token, { autoSubscribe: false, dynacast: false });
      rooms.push(room);
    }
    await waitFor(
      () =>
        stage.inRoom(
          meetingId,
          people.map((p) => p.id),
        ),
      () => stage.note(`the API never saw ${people.length} bot(s) join a meeting's room`),
    );
  } finally {
    for (const room of rooms) await room.disconnect();
  }
  // Until LiveKit says the room is finished, its webhooks would land in later steps at random.
  await waitFor(
    () => stage.roomFinished(roomName),
    () => stage.note('LiveKit never finished a room the bots left'),
  );
}

/** Polls `done` (LiveKit's webhooks arrive when they arrive) for up to 20 seconds; `late` when it never came true. */
async function waitFor(done: () => Promise<boolean>, late: () => void): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await done())) {
    if (Date.now() > deadline) return late();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function noteError(stage: Stage, what: string, result: { error?: string }): void {
  if (result.error) stage.note(`${what}: ${result.error}`);
}

/** A session's confirmed meetings, with their participants, as the participants' agendas show them. */
async function meetingsOf(
  sessionId: string,
  people: Person[],
): Promise<{ id: string; startsAt: string; people: Person[] }[]> {
  const meetings = new Map<string, { id: string; startsAt: string; people: Person[] }>();
  for (const person of people) {
    for (const m of await product.agenda(person.client)) {
      if (m.sessionId !== sessionId || m.status !== 'CONFIRMED') continue;
      const entry = meetings.get(m.id) ?? { id: m.id, startsAt: m.startsAt, people: [] };
      entry.people.push(person);
      meetings.set(m.id, entry);
    }
  }
  return [...meetings.values()].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
}
