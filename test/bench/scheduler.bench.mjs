#!/usr/bin/env node
/**
 * Auto-scheduler benchmark: @cyswllt/matching's `schedule` against HiGHS.
 *
 *   npm run bench:scheduler                    full: 4 small instances + the large one
 *   BENCH_SIZE=small npm run bench:scheduler   2 small instances + a reduced large one
 *   BENCH_SIZE=small BENCH_SEEDS=2 npm run bench:scheduler   CI: the same, and 2 seeds per sparse family
 *
 * - Instances come from a seeded generator (below): practitioners, commissioners and link workers;
 *   hosts with popularity (so some are over-asked), group hosts with 2–4 seats, breaks, partial
 *   availability, three-way candidates, fixed meetings and every tier. A planted schedule
 *   guarantees that every practitioner could have had a meeting.
 * - Small instances: HiGHS solves the same model as a MIP with the same lexicographic objective in
 *   two phases (1: max practitioners with a meeting; 2: max value with at least that many), with a
 *   time limit per phase. Where it does not prove optimality, its best bound is used (and the gap
 *   printed). ratio = min(coverage / coverage*, value / value*), * = HiGHS optimum or bound.
 * - The large instance (2,000 people, 20,000 candidates, 16 slots): compared with LP relaxation
 *   bounds from HiGHS (interior point, crossover off): coverage ≤ LP max coverage, and value ≤ LP
 *   max value subject to coverage ≥ the scheduler's coverage (valid for the lexicographic optimum,
 *   whose coverage is at least ours).
 * - The scheduler's wall time (including input validation) and the process's peak RSS are measured
 *   on the large instance before HiGHS is loaded.
 *
 * - Sparse families (SPARSE_FAMILIES, BENCH_SEEDS seeds each): small ones against the MIP as above,
 *   the large one against the LP bounds; a table per family and its worst ratio (not the mean).
 *
 * Every schedule is checked with `checkSchedule`. The last line is one JSON object.
 *
 * Extra time (candidates with `extraTime`, two consecutive slots) is excluded from this comparison:
 * no family generates it and the MIP below does not model it (buildModel refuses such input). Its
 * placements are covered by libs/matching/src/scheduler/extra-time.spec.ts and checkSchedule.
 */
import { performance } from 'node:perf_hooks';
import { resourceUsage } from 'node:process';
import { pathToFileURL } from 'node:url';
import { checkSchedule, meetingValue, schedule } from '@cyswllt/matching';
import loadHighs from 'highs';

const SIZE = process.env.BENCH_SIZE === 'small' ? 'small' : 'full';
const MIP_TIME_LIMIT = Number(process.env.BENCH_MIP_SECONDS ?? (SIZE === 'small' ? 20 : 60));
const LP_TIME_LIMIT = Number(process.env.BENCH_LP_SECONDS ?? 600);

export const SMALL = [
  { name: 'small-60x6', people: 60, slots: 6, breaks: [3], candidates: 240, seed: 11 },
  { name: 'small-150x8', people: 150, slots: 8, breaks: [4], candidates: 750, seed: 12 },
  { name: 'small-250x8', people: 250, slots: 8, breaks: [4], candidates: 1400, seed: 13 },
  { name: 'small-400x8', people: 400, slots: 8, breaks: [4], candidates: 2400, seed: 14 },
];
const LARGE = { name: 'large-2000x16', people: 2000, slots: 16, breaks: [5, 11], candidates: 20000, seed: 21 };
export const LARGE_CI = { name: 'large-ci-800x12', people: 800, slots: 12, breaks: [6], candidates: 6000, seed: 21 };

/**
 * Sparse diaries: everyone is free in 20–40 % of the slots, demand is skewed towards a few popular
 * hosts (popularity exponent `skew`), a share of the candidates are practitioner↔practitioner peer
 * requests (some asked both ways round), and there is no planted schedule, so reaching everyone is
 * itself hard. Seeds `seed`, `seed + 1`, … (BENCH_SEEDS of them; default 10, or 2 with BENCH_SIZE=small).
 */
const SPARSE = { availability: [0.2, 0.4], planted: false };
export const SPARSE_FAMILIES = [
  {
    ...SPARSE,
    name: 'sparse-60x8',
    people: 60,
    slots: 8,
    breaks: [4],
    candidates: 150,
    skew: 1.5,
    peerShare: 0.3,
    seed: 101,
    bound: 'MIP',
  },
  {
    ...SPARSE,
    name: 'sparse-120x10',
    people: 120,
    slots: 10,
    breaks: [5],
    candidates: 300,
    skew: 2,
    peerShare: 0.3,
    seed: 201,
    bound: 'MIP',
  },
  {
    ...SPARSE,
    name: 'sparse-250x12',
    people: 250,
    slots: 12,
    breaks: [6],
    candidates: 900,
    skew: 2,
    peerShare: 0.25,
    seed: 301,
    bound: 'MIP',
  },
  {
    ...SPARSE,
    name: 'sparse-large-1200x16',
    people: 1200,
    slots: 16,
    breaks: [5, 11],
    candidates: 7000,
    skew: 2,
    peerShare: 0.25,
    seed: 401,
    bound: 'LP',
  },
];
const SPARSE_SEEDS = Number(process.env.BENCH_SEEDS ?? (SIZE === 'small' ? 2 : 10));
if (!Number.isInteger(SPARSE_SEEDS) || SPARSE_SEEDS < 1) throw new Error('BENCH_SEEDS must be a whole number ≥ 1');

const smallSpecs = SIZE === 'small' ? SMALL.slice(0, 2) : SMALL;
const largeSpec = SIZE === 'small' ? LARGE_CI : LARGE;

// ------------------------------------------------------------------------------------------------
// Seeded instance generator

function rng(seed) {
  let state = (seed * 2654435761) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateInstance(spec) {
  const random = rng(spec.seed);
  const pick = (items) => items[Math.floor(random() * items.length)];
  const slots = Array.from({ length: spec.slots }, (_, i) => ({
    id: `s${i}`,
    index: i,
    isBreak: spec.breaks.includes(i),
  }));
  const usable = slots.filter((slot) => !slot.isBreak);

  const people = [];
  const kind = new Map();
  for (let i = 0; i < spec.people; i++) {
    const r = random();
    const k = r < 0.55 ? 'PRACTITIONER' : r < 0.8 ? 'COMMISSIONER' : 'LINK_WORKER';
    const id = `p${i}`;
    kind.set(id, k);
    const availableSlotIds = spec.availability
      ? sparseDiary(spec, slots, random)
      : windowWithHoles(spec, slots, random);
    people.push({ id, isPractitioner: k === 'PRACTITIONER', availableSlotIds });
  }
  const practitioners = people.filter((p) => p.isPractitioner).map((p) => p.id);
  const linkWorkers = people.filter((p) => kind.get(p.id) === 'LINK_WORKER').map((p) => p.id);
  const hosts = people.filter((p) => kind.get(p.id) !== 'PRACTITIONER' || random() < 0.3);
  const avail = new Map(people.map((p) => [p.id, new Set(p.availableSlotIds)]));

  // Capacities: hosts offer every slot they are free in; some are group hosts.
  const capacities = [];
  const seats = new Map();
  const popularity = new Map();
  for (const host of hosts) {
    const group = random() < 0.15;
    popularity.set(host.id, 1 / Math.pow(random() + 0.05, spec.skew ?? 0.8));
    for (const slotId of host.availableSlotIds) {
      if (slots[Number(slotId.slice(1))].isBreak) continue;
      const n = group ? 2 + Math.floor(random() * 3) : 1;
      capacities.push({ hostId: host.id, slotId, seats: n });
      seats.set(`${host.id}|${slotId}`, n);
    }
  }
  const hostIds = hosts.map((h) => h.id);
  const cumulative = [];
  let sum = 0;
  for (const id of hostIds) cumulative.push((sum += popularity.get(id)));
  const pickHost = () => {
    const r = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return hostIds[lo];
  };

  // Planted schedule: one meeting per practitioner where possible; proves full coverage feasible.
  const guestBusy = new Set(); // person|slot busy as a guest
  const hosting = new Map(); // host|slot -> guests planted
  const candidates = [];
  const fixedMeetings = [];
  const pairs = new Set();
  const pairKey = (a, b) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const tierOf = () => {
    const r = random();
    return r < 0.04 ? 'ACCEPTED' : r < 0.14 ? 'MUTUAL_REQUEST' : r < 0.4 ? 'ONE_SIDED_REQUEST' : 'RECOMMENDED';
  };
  const score = () => Math.round(random() * 1000) / 10;
  let coverable = 0;
  for (const p of spec.planted === false ? [] : practitioners) {
    let placed = false;
    // Popular hosts first (as requests would go), then any host, from a random start.
    const offset = Math.floor(random() * hostIds.length);
    for (let attempt = 0; attempt < 60 + hostIds.length && !placed; attempt++) {
      const h = attempt < 60 ? pickHost() : hostIds[(offset + attempt - 60) % hostIds.length];
      if (h === p || pairs.has(pairKey(h, p))) continue;
      for (const slot of usable) {
        const hs = `${h}|${slot.id}`;
        if (!avail.get(p).has(slot.id) || !avail.get(h).has(slot.id) || !seats.has(hs)) continue;
        if (guestBusy.has(`${p}|${slot.id}`) || hosting.has(`${p}|${slot.id}`) || guestBusy.has(hs)) continue;
        if ((hosting.get(hs) ?? 0) >= seats.get(hs)) continue;
        guestBusy.add(`${p}|${slot.id}`);
        hosting.set(hs, (hosting.get(hs) ?? 0) + 1);
        pairs.add(pairKey(h, p));
        if (random() < 0.05) {
          fixedMeetings.push({ id: `f${fixedMeetings.length}`, slotId: slot.id, hostId: h, guestIds: [p] });
        } else {
          candidates.push({ id: `c${candidates.length}`, hostId: h, guestId: p, tier: tierOf(), score: score() });
        }
        placed = true;
        break;
      }
    }
    if (placed) coverable++;
  }

  // The rest: requests and recommendations, mostly practitioners to hosts, some peers both ways.
  // Sparse families add practitioner↔practitioner peer requests (often asked both ways round).
  const peerHosts = hostIds.filter((id) => kind.get(id) === 'PRACTITIONER');
  while (candidates.length < spec.candidates) {
    if (spec.peerShare && peerHosts.length > 1 && random() < spec.peerShare) {
      const host = pick(peerHosts);
      const guest = pick(practitioners);
      if (host === guest) continue;
      const tier = random() < 0.3 ? 'MUTUAL_REQUEST' : 'ONE_SIDED_REQUEST';
      candidates.push({ id: `c${candidates.length}`, hostId: host, guestId: guest, tier, score: score() });
      if (random() < 0.4 && peerHosts.includes(guest)) {
        candidates.push({ id: `c${candidates.length}`, hostId: guest, guestId: host, tier, score: score() });
      }
      continue;
    }
    const guest = random() < 0.85 ? pick(practitioners) : pick(people).id;
    const host = pickHost();
    if (host === guest) continue;
    let thirdPartyId = null;
    if (random() < 0.04 && linkWorkers.length > 2) {
      thirdPartyId = pick(linkWorkers);
      if (thirdPartyId === host || thirdPartyId === guest) continue;
    }
    candidates.push({
      id: `c${candidates.length}`,
      hostId: host,
      guestId: guest,
      thirdPartyId,
      tier: tierOf(),
      score: score(),
    });
  }
  // Shuffle so planted candidates are not recognisable by position.
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
  }
  return {
    input: { slots, people, capacities, candidates, fixedMeetings, seed: spec.seed },
    coverable,
    practitioners: practitioners.length,
  };
}

/** The default families' diary: a window of the session with a few holes. */
function windowWithHoles(spec, slots, random) {
  const keep = 0.55 + random() * 0.4;
  const from = random() < 0.3 ? Math.floor(random() * (spec.slots / 2)) : 0;
  const to = random() < 0.3 ? spec.slots - Math.floor(random() * (spec.slots / 2)) : spec.slots;
  return slots.filter((slot) => slot.index >= from && slot.index < to && random() < keep).map((slot) => slot.id);
}

/** A sparse diary: free in a random share of the slots drawn from spec.availability ([lo, hi]). */
function sparseDiary(spec, slots, random) {
  const [lo, hi] = spec.availability;
  const count = Math.max(1, Math.round((lo + random() * (hi - lo)) * slots.length));
  const order = slots.map((slot) => slot.index);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (order.length - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order
    .slice(0, count)
    .sort((a, b) => a - b)
    .map((index) => slots[index].id);
}

// ------------------------------------------------------------------------------------------------
// The same model for HiGHS (independent of the scheduler's code)

export function buildModel(input) {
  if (input.candidates.some((c) => c.extraTime))
    throw new Error('buildModel: extra-time candidates (two consecutive slots) are not modelled here');
  const slotById = new Map(input.slots.map((s) => [s.id, s]));
  const avail = new Map(input.people.map((p) => [p.id, new Set(p.availableSlotIds)]));
  const isPract = new Map(input.people.map((p) => [p.id, p.isPractitioner]));
  const seats = new Map(input.capacities.map((c) => [`${c.hostId}|${c.slotId}`, c.seats]));
  const maxScore = input.candidates.reduce((m, c) => Math.max(m, c.score), 0);
  const pairKey = (a, b) => (a < b ? `${a}|${b}` : `${b}|${a}`);

  const fixedGuest = new Set(); // person|slot in a fixed meeting as guest or third party
  const fixedHost = new Map(); // host|slot -> { guests, third }
  const fixedPairs = new Set();
  const covered = new Set();
  for (const f of input.fixedMeetings ?? []) {
    const key = `${f.hostId}|${f.slotId}`;
    const entry = fixedHost.get(key) ?? { guests: 0, third: false };
    entry.guests += f.guestIds.length;
    entry.third ||= Boolean(f.thirdPartyId);
    fixedHost.set(key, entry);
    const others = [...f.guestIds, ...(f.thirdPartyId ? [f.thirdPartyId] : [])];
    for (const g of others) fixedGuest.add(`${g}|${f.slotId}`);
    const everyone = [f.hostId, ...others];
    for (let i = 0; i < everyone.length; i++)
      for (let j = i + 1; j < everyone.length; j++) {
        if (!(f.guestIds.includes(everyone[i]) && f.guestIds.includes(everyone[j])))
          fixedPairs.add(pairKey(everyone[i], everyone[j]));
      }
    for (const p of everyone) covered.add(p);
  }

  const cols = []; // { kind, cost, ... }
  const colIndex = new Map();
  const addCol = (name, integer) => {
    colIndex.set(name, cols.length);
    cols.push({ name, integer, value: 0, coverage: 0 });
    return cols.length - 1;
  };
  const rows = []; // { coefs: Map(col -> a), lo, hi }
  const addRow = (lo, hi) => {
    const row = { coefs: new Map(), lo, hi };
    rows.push(row);
    return row;
  };
  const personRows = new Map();
  const personRow = (p, s) => {
    const key = `${p}|${s}`;
    let row = personRows.get(key);
    if (!row) personRows.set(key, (row = addRow(-Infinity, 1)));
    return row;
  };
  const hostedBy = new Map(); // host|slot -> [{ col, three }]
  const pairRows = new Map();
  const coverCols = new Map(); // practitioner -> [cols]

  for (const c of input.candidates) {
    const people = [c.hostId, c.guestId, ...(c.thirdPartyId ? [c.thirdPartyId] : [])];
    const cPairs = [
      pairKey(c.hostId, c.guestId),
      ...(c.thirdPartyId ? [pairKey(c.hostId, c.thirdPartyId), pairKey(c.guestId, c.thirdPartyId)] : []),
    ];
    if (cPairs.some((k) => fixedPairs.has(k))) continue;
    const value = meetingValue(c.tier, c.score, maxScore);
    for (const slot of input.slots) {
      if (slot.isBreak) continue;
      const s = slot.id;
      if (!seats.has(`${c.hostId}|${s}`)) continue;
      if (!people.every((p) => avail.get(p).has(s))) continue;
      if (people.some((p) => fixedGuest.has(`${p}|${s}`))) continue;
      if ([c.guestId, ...(c.thirdPartyId ? [c.thirdPartyId] : [])].some((p) => fixedHost.has(`${p}|${s}`))) continue;
      const fh = fixedHost.get(`${c.hostId}|${s}`);
      if (fh && (fh.third || c.thirdPartyId || fh.guests >= seats.get(`${c.hostId}|${s}`))) continue;
      const col = addCol(`x_${c.id}_${s}`, true);
      cols[col].value = value;
      for (const p of people.slice(1)) personRow(p, s).coefs.set(col, 1);
      const hs = `${c.hostId}|${s}`;
      if (!hostedBy.has(hs)) hostedBy.set(hs, []);
      hostedBy.get(hs).push({ col, three: Boolean(c.thirdPartyId) });
      for (const k of cPairs) {
        if (!pairRows.has(k)) pairRows.set(k, addRow(-Infinity, 1));
        pairRows.get(k).coefs.set(col, 1);
      }
      for (const p of people) {
        if (!isPract.get(p) || covered.has(p)) continue;
        if (!coverCols.has(p)) coverCols.set(p, []);
        coverCols.get(p).push(col);
      }
    }
  }
  // Hosting: a one-seat host's candidates use the host's person row; a group host's use a
  // hosting variable z (x ≤ z, Σ two-party + seats·Σ three-way ≤ seats·z, z in the person row).
  for (const [hs, list] of hostedBy) {
    const [h, s] = hs.split('|');
    const n = seats.get(hs);
    const fh = fixedHost.get(hs);
    if (fh) {
      // Already hosting a fixed meeting (without third party): fill the remaining seats.
      const row = addRow(-Infinity, n - fh.guests);
      for (const { col } of list) row.coefs.set(col, 1);
      continue;
    }
    if (n === 1) {
      const row = personRow(h, s);
      for (const { col } of list) row.coefs.set(col, 1);
      continue;
    }
    const z = addCol(`z_${h}_${s}`, true);
    personRow(h, s).coefs.set(z, 1);
    const capacity = addRow(-Infinity, 0);
    capacity.coefs.set(z, -n);
    for (const { col, three } of list) {
      capacity.coefs.set(col, three ? n : 1);
      const link = addRow(-Infinity, 0);
      link.coefs.set(col, 1);
      link.coefs.set(z, -1);
    }
  }
  // Coverage: y_p ≤ Σ x over p's candidates.
  const coverageCols = [];
  for (const [p, list] of coverCols) {
    const y = addCol(`y_${p}`, false);
    cols[y].coverage = 1;
    coverageCols.push(y);
    const row = addRow(-Infinity, 0);
    row.coefs.set(y, 1);
    for (const col of list) row.coefs.set(col, -1);
  }
  const alreadyCovered = [...covered].filter((p) => isPract.get(p)).length;
  return { cols, rows, coverageCols, alreadyCovered, slotById };
}

export function toModelData(highs, model, objective, { integer, minCoverage = null }) {
  const { cols, rows } = model;
  const extraRows =
    minCoverage === null
      ? []
      : [
          {
            coefs: new Map(model.coverageCols.map((c) => [c, 1])),
            lo: minCoverage - model.alreadyCovered,
            hi: Infinity,
          },
        ];
  const allRows = [...rows, ...extraRows];
  const starts = [0];
  const indices = [];
  const values = [];
  for (const row of allRows) {
    const entries = [...row.coefs.entries()].sort((a, b) => a[0] - b[0]);
    for (const [col, a] of entries) {
      indices.push(col);
      values.push(a);
    }
    starts.push(indices.length);
  }
  const inf = highs.infinity;
  return {
    numCols: cols.length,
    numRows: allRows.length,
    sense: highs.constants.objectiveSense.maximize,
    offset: 0,
    colCost: Float64Array.from(cols, (c) => (objective === 'coverage' ? c.coverage : c.value)),
    colLower: new Float64Array(cols.length),
    colUpper: Float64Array.from(cols, () => 1),
    rowLower: Float64Array.from(allRows, (r) => (r.lo === -Infinity ? -inf : r.lo)),
    rowUpper: Float64Array.from(allRows, (r) => (r.hi === Infinity ? inf : r.hi)),
    matrix: {
      format: 'csr',
      numRows: allRows.length,
      numCols: cols.length,
      starts: Int32Array.from(starts),
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
    ...(integer ? { integrality: Int32Array.from(cols, (c) => (c.integer ? 1 : 0)) } : {}),
  };
}

export function solve(highs, data, options) {
  const model = highs.createModel(data);
  try {
    model.options.set({ output_flag: false, ...options });
    const started = performance.now();
    model.run();
    const seconds = (performance.now() - started) / 1000;
    const status = model.getModelStatus();
    const statusName = Object.entries(highs.constants.modelStatus).find(([, v]) => v === status)?.[0] ?? String(status);
    let primal = null;
    try {
      primal = model.getObjectiveValue();
    } catch {
      primal = null;
    }
    let bound = primal;
    if (data.integrality) {
      const b = model.info.get('mip_dual_bound');
      bound = Number.isFinite(b) ? b : primal;
    }
    return { status: statusName, optimal: statusName === 'optimal', primal, bound, seconds };
  } finally {
    model.dispose();
  }
}

// ------------------------------------------------------------------------------------------------

function fmt(n, digits = 3) {
  return typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : String(n);
}

function runScheduler(input) {
  const started = performance.now();
  const result = schedule(input);
  const seconds = (performance.now() - started) / 1000;
  const check = checkSchedule(input, result.assignments);
  if (!check.ok)
    throw new Error(
      `schedule violates constraints: ${check.violations
        .slice(0, 5)
        .map((v) => v.message)
        .join('; ')}`,
    );
  if (
    check.practitionersWithMeeting !== result.objective.practitionersWithMeeting ||
    Math.abs(check.totalValue - result.objective.totalValue) > 1e-6
  ) {
    throw new Error('reported objective differs from the checker');
  }
  return { result, seconds };
}

/** Our schedule against the two-phase MIP (the optimum, or HiGHS's bound where it stops early). */
export function compareWithMip(highs, generated, result) {
  const model = buildModel(generated.input);
  const ourCoverage = result.objective.practitionersWithMeeting;
  const ourValue = result.objective.totalValue;
  const p1 = solve(highs, toModelData(highs, model, 'coverage', { integer: true }), {
    time_limit: MIP_TIME_LIMIT,
    mip_rel_gap: 0,
  });
  const coverageStar = p1.primal + model.alreadyCovered;
  const coverageBound = Math.floor(p1.bound + 1e-6) + model.alreadyCovered;
  const p2 = solve(highs, toModelData(highs, model, 'value', { integer: true, minCoverage: coverageStar }), {
    time_limit: MIP_TIME_LIMIT,
    mip_rel_gap: 0,
  });
  const coverageRatio = ourCoverage / coverageBound;
  const valueRatio = ourValue / p2.bound;
  const optimal = p1.optimal && p2.optimal;
  const gapPct = optimal ? 0 : (100 * (p2.bound - p2.primal)) / p2.bound;
  return {
    ourCoverage,
    ourValue,
    coverageStar,
    optimalCoverage: p1.optimal,
    optimal,
    gapPct,
    coverageRatio,
    valueRatio,
    ratio: Math.min(coverageRatio, valueRatio),
    opt_cov: `${coverageStar}${p1.optimal ? '' : ` (≤${coverageBound})`}`,
    highs_value: fmt(p2.primal, 2),
    highs_bound: fmt(p2.bound, 2),
    highs_gap: p2.optimal ? '0 (optimal)' : `${fmt(gapPct, 2)}%`,
    highs_s: fmt(p1.seconds + p2.seconds, 1),
  };
}

/**
 * Our schedule against LP-relaxation bounds: coverage ≤ LP max coverage, and value ≤ LP max value
 * with coverage ≥ ours (valid for the lexicographic optimum, whose coverage is at least ours).
 */
export function compareWithLp(highs, generated, result) {
  const model = buildModel(generated.input);
  const lpOptions = { solver: 'ipm', run_crossover: 'off', time_limit: LP_TIME_LIMIT };
  const lp1 = solve(highs, toModelData(highs, model, 'coverage', { integer: false }), lpOptions);
  const lp2 = solve(
    highs,
    toModelData(highs, model, 'value', { integer: false, minCoverage: result.objective.practitionersWithMeeting }),
    lpOptions,
  );
  const lpCoverage = lp1.primal + model.alreadyCovered;
  const coverageRatio = result.objective.practitionersWithMeeting / lpCoverage;
  const valueRatio = result.objective.totalValue / lp2.primal;
  return {
    ourCoverage: result.objective.practitionersWithMeeting,
    ourValue: result.objective.totalValue,
    coverageRatio,
    valueRatio,
    ratio: Math.min(coverageRatio, valueRatio),
    opt_cov: `LP ≤${fmt(lpCoverage, 2)}`,
    highs_value: '-',
    highs_bound: `LP ${fmt(lp2.primal, 2)}`,
    highs_gap: `LP (ipm, no crossover: status ${lp2.status})`,
    highs_s: fmt(lp1.seconds + lp2.seconds, 1),
  };
}

function tableRow(instance, generated, seconds, row) {
  return {
    instance,
    cands: generated.input.candidates.length,
    ours_s: fmt(seconds),
    ours_cov: `${row.ourCoverage}/${generated.practitioners}`,
    opt_cov: row.opt_cov,
    ours_value: fmt(row.ourValue, 2),
    highs_value: row.highs_value,
    highs_bound: row.highs_bound,
    highs_gap: row.highs_gap,
    highs_s: row.highs_s,
    ratio: fmt(row.ratio, 4),
  };
}

/**
 * The sparse families, each over BENCH_SEEDS seeds: small ones against the MIP, large ones against
 * the LP bound. Prints a table per family and its worst ratio; returns a summary per family.
 */
function runSparseFamilies(highs) {
  const summaries = [];
  for (const family of SPARSE_FAMILIES) {
    const rows = [];
    let worst = Infinity;
    let proved = 0;
    let maxGapPct = 0;
    for (let i = 0; i < SPARSE_SEEDS; i++) {
      const spec = { ...family, seed: family.seed + i };
      const generated = generateInstance(spec);
      const { result, seconds } = runScheduler(generated.input);
      const row =
        family.bound === 'LP' ? compareWithLp(highs, generated, result) : compareWithMip(highs, generated, result);
      worst = Math.min(worst, row.ratio);
      if (row.optimal) proved++;
      if (row.gapPct) maxGapPct = Math.max(maxGapPct, row.gapPct);
      rows.push(tableRow(`${family.name}#${spec.seed}`, generated, seconds, row));
    }
    console.table(rows);
    const against =
      family.bound === 'LP'
        ? 'LP bound'
        : `optimum (HiGHS proved ${proved}/${SPARSE_SEEDS}, largest gap ${fmt(maxGapPct, 2)}%)`;
    console.log(`${family.name}: worst ratio ${fmt(worst, 4)} over ${SPARSE_SEEDS} seeds, against the ${against}`);
    summaries.push({
      family: family.name,
      bound: family.bound,
      seeds: SPARSE_SEEDS,
      worstRatio: Number(worst.toFixed(4)),
      ...(family.bound === 'LP' ? {} : { provedOptimal: proved, maxGapPct: Number(maxGapPct.toFixed(3)) }),
    });
  }
  return summaries;
}

async function main() {
  const lines = [];
  const log = (line) => {
    console.log(line);
    lines.push(line);
  };
  log(`scheduler benchmark (${SIZE}); MIP time limit ${MIP_TIME_LIMIT}s per phase`);

  // 1. Large instance first: time and peak memory before HiGHS or anything else is loaded.
  const large = generateInstance(largeSpec);
  const rssBefore = process.memoryUsage().rss;
  const largeRun = runScheduler(large.input);
  const peakMb = resourceUsage().maxRSS / 1024;
  const largeResult = largeRun.result;
  const warm = runScheduler(large.input);
  if (JSON.stringify(warm.result) !== JSON.stringify(largeResult))
    throw new Error('the scheduler is not deterministic');
  log(
    `${largeSpec.name}: ${large.input.people.length} people, ${large.input.candidates.length} candidates, ${largeSpec.slots} slots: ` +
      `${fmt(largeRun.seconds)} s (second, warm run: ${fmt(warm.seconds)} s, same result), peak RSS ${fmt(peakMb, 0)} MB ` +
      `(RSS before the call ${fmt(rssBefore / 1048576, 0)} MB)`,
  );

  const highs = await loadHighs();
  const table = [];
  let worstSmall = Infinity;
  let withoutMeeting = 0;
  const countedForCoverage = [];

  // 2. Small instances against the MIP.
  for (const spec of smallSpecs) {
    const generated = generateInstance(spec);
    const { result, seconds } = runScheduler(generated.input);
    const row = compareWithMip(highs, generated, result);
    worstSmall = Math.min(worstSmall, row.ratio);
    // Every practitioner could have had a meeting: proved by HiGHS, by the planted schedule, or by ours.
    if (
      (row.optimalCoverage && row.coverageStar === generated.practitioners) ||
      generated.coverable === generated.practitioners ||
      row.ourCoverage === generated.practitioners
    ) {
      withoutMeeting += result.practitionersWithoutMeeting.length;
      countedForCoverage.push(spec.name);
    }
    table.push(tableRow(spec.name, generated, seconds, row));
  }

  // 3. The large instance against its LP relaxation.
  const largeRow = compareWithLp(highs, large, largeResult);
  const { coverageRatio: largeCoverageRatio, valueRatio: largeValueRatio, ratio: largeLpRatio } = largeRow;
  if (
    large.coverable === large.practitioners ||
    largeResult.objective.practitionersWithMeeting === large.practitioners
  ) {
    withoutMeeting += largeResult.practitionersWithoutMeeting.length;
    countedForCoverage.push(largeSpec.name);
  }
  table.push(tableRow(largeSpec.name, large, largeRun.seconds, largeRow));
  console.table(table);
  // 4. The sparse families.
  const sparse = runSparseFamilies(highs);
  const sparseSmall = sparse.filter((f) => f.bound === 'MIP');
  const sparseLarge = sparse.filter((f) => f.bound === 'LP');
  console.log(
    `practitioners without a meeting, summed over the instances where every practitioner could have had one ` +
      `(${countedForCoverage.join(', ') || 'none'}): ${withoutMeeting}`,
  );
  console.log(
    `large: coverage ratio ${fmt(largeCoverageRatio, 4)}, value ratio ${fmt(largeValueRatio, 4)}, ` +
      `assigned ${largeResult.objective.assignedCount}, iterations ${largeResult.iterations}, by tier ${JSON.stringify(largeResult.objective.assignedByTier)}`,
  );
  console.log(
    JSON.stringify({
      size: SIZE,
      smallInstances: smallSpecs.length,
      smallOptimalityRatio: Number(worstSmall.toFixed(4)),
      largeInstance: largeSpec.name,
      largeLpRatio: Number(largeLpRatio.toFixed(4)),
      largeCoverageRatio: Number(largeCoverageRatio.toFixed(4)),
      largeValueRatio: Number(largeValueRatio.toFixed(4)),
      largeSeconds: Number(largeRun.seconds.toFixed(3)),
      largeSecondsWarm: Number(warm.seconds.toFixed(3)),
      largePeakMb: Math.round(peakMb),
      practitionersWithoutMeeting: withoutMeeting,
      sparseSeeds: SPARSE_SEEDS,
      sparseSmallWorstRatio: Number(Math.min(...sparseSmall.map((f) => f.worstRatio)).toFixed(4)),
      sparseLargeWorstLpRatio: Number(Math.min(...sparseLarge.map((f) => f.worstRatio)).toFixed(4)),
      sparseFamilies: sparse,
    }),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
