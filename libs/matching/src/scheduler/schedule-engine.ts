import { IntStack } from './int-stack';
import { PriceGuide } from './price-guide';
import { SeededRandom } from './random';
import { ScheduleInstance } from './schedule-instance';
import {
  MEETING_TIERS,
  MeetingTier,
  ScheduleAssignment,
  SchedulePhase,
  ScheduleProgress,
  ScheduleResult,
  UnassignedCandidate,
  UnassignedReason,
} from './schedule.types';

const FREE = -1;
const FIXED = -2;
const EPS = 1e-9;
/** Units of work (moves, candidates, price iterations) between two yields of `run()`. */
const YIELD_EVERY = 32;
/**
 * The improvement phase's budget at effort 1, in elementary operations (placements, removals,
 * fit checks) and in moves per candidate (which bounds small instances). It is counted, not timed,
 * so results do not depend on the machine. Operations get slower as instances grow (longer lists,
 * colder caches), so the budget shrinks gently with size: about a second of work on this project's
 * 2-core machine from a few hundred to 20,000 candidates (WORK_REFERENCE operations there).
 */
const WORK_REFERENCE = 12_000_000;
const WORK_REFERENCE_CANDIDATES = 20_000;
const WORK_MAX = 18_000_000;
const MOVES_PER_CANDIDATE = 200;
/** A removed candidate may push one more aside (whose move ends in a free slot or an ejection). */
const RELOCATE_DEPTH = 1;
const RELOCATE_BUDGET = 16;
/** Lagrangian price iterations: at most this many, and only if at least the minimum is affordable. */
const PRICE_MAX_ITERATIONS = 2000;
const PRICE_MIN_ITERATIONS = 300;
/** Column scans the price phase may spend (iterations × columns). */
const PRICE_WORK = 30_000_000;
/** Annealing temperatures, in value units (a RECOMMENDED meeting is worth 2–3). */
const T_START = 1;
const T_END = 0.1;
/** Share of annealing moves that try a candidate the LP guide favours. */
const FAVOURED_SHARE = 0.5;
const FAVOURED_THRESHOLD = 0.3;
/** Coverage repair: how long an ejection chain may get, and the slots it may try per practitioner. */
const CHAIN_DEPTH = 6;
const CHAIN_BUDGET = 3000;
/**
 * Large-neighbourhood search after annealing, on instances of up to LNS_MAX_CANDIDATES candidates
 * (on larger ones annealing's cheap moves pay better, measured): its share of the work budget, the
 * people whose meetings one neighbourhood frees, how many of each one's best candidates lead to
 * more people, the candidates it re-solves exactly, and the search nodes it may spend on them.
 */
const LNS_SHARE = 0.6;
const LNS_MAX_CANDIDATES = 3000;
const LNS_PEOPLE = 10;
const LNS_FAN_OUT = 3;
const LNS_CANDIDATES = 30;
const LNS_NODES = 4000;
/** The search also stops after LNS_WORK_PER_CANDIDATE work per candidate, or that many steps in a row without a gain. */
const LNS_WORK_PER_CANDIDATE = 60_000;
const LNS_STALL_PER_CANDIDATE = 4;
const LNS_STALL_MIN = 100;

/**
 * The auto-scheduler. State is kept in flat typed arrays indexed by person × slot:
 *
 * - `guestOcc[p,s]`: the candidate in which p is a guest or third party in slot s (FIXED for a
 *   fixed meeting, FREE for none);
 * - `hostN[p,s]`: guests in the meeting p hosts in s (fixed + placed); `hostThird[p,s]`: the
 *   three-way candidate p hosts there (FIXED when a fixed meeting has a third party); the placed
 *   guests of that meeting are a linked list (`groupHead`, `gNext`, `gPrev`);
 * - `pairOwner[k]`: the candidate (or FIXED) in which pair k meets.
 *
 * A person is free in s iff guestOcc = FREE and hostN = 0. Placing and removing are O(1) and
 * journalled, so a move is tried by doing it and rolled back unless accepted.
 *
 * Phases:
 * 1. CONSTRUCT: greedy — uncovered practitioners first (the scarcest first), then every other
 *    candidate by value, each into the slot that takes least from others' remaining demand. On
 *    instances where it is affordable, a second construction follows the approximate LP solution
 *    from Lagrangian prices (PriceGuide) and is kept if better.
 * 2. IMPROVE: a descent over insertion moves — put an unplaced candidate into its best slot,
 *    removing what is in the way, moving the removed elsewhere (pushing at most one more aside, or
 *    ejecting a cheaper one), then filling the person-slots that were vacated — kept only if the
 *    objective improves, revisiting only candidates near a change; then simulated annealing over
 *    the same moves (candidates the LP guide favours are tried more often), never lowering the
 *    number of practitioners with a meeting, returning to the best schedule seen. Between the two,
 *    practitioners still without a meeting are reached by ejection chains (coverByChain). On
 *    small and middle-sized instances, a large-neighbourhood search follows with part of the work
 *    budget: free a few people's meetings and re-solve their candidates exactly (branch and bound).
 * 3. FINISH: a greedy fill of whatever still fits.
 *
 * `run()` is a generator that yields every few units of work so that callers can report progress
 * and stop; all choices depend only on the input, the seed and the effort.
 */
export class ScheduleEngine {
  phase: SchedulePhase = 'PREPARE';
  /** Moves tried in the improvement phase. */
  iterations = 0;

  private readonly S: number;
  private readonly random: SeededRandom;
  private readonly maxMoves: number;
  private readonly workBudget: number;
  /** Share of the work budget for the descent and annealing; the rest is the neighbourhood search's. */
  private readonly mainShare: number;
  private readonly workBudgetAtEffort1: number;
  private work = 0;
  private fraction = 0;

  // Static data.
  private readonly seats: Int32Array;
  private readonly hostFixed: Int32Array;
  private readonly slotStart: Int32Array;
  private readonly slotList: Int32Array;
  /** staticOk[c * S + s]: s is one of c's statically feasible slots. */
  private readonly staticOk: Uint8Array;
  private readonly personStart: Int32Array;
  /** Each person's candidates, most valuable first. */
  private readonly personCands: Int32Array;

  // State.
  private readonly slotOf: Int32Array;
  private readonly guestOcc: Int32Array;
  private readonly hostN: Int32Array;
  private readonly hostThird: Int32Array;
  private readonly groupHead: Int32Array;
  private readonly gNext: Int32Array;
  private readonly gPrev: Int32Array;
  private readonly pairOwner: Int32Array;
  private readonly mcount: Int32Array;
  private readonly demand: Int32Array;
  private coverage = 0;
  private value = 0;
  private assigned = 0;
  /** The best schedule seen while annealing (the current one may be worse). */
  private best = { coverage: 0, value: 0, assigned: 0 };
  private annealing = false;

  // Scratch.
  private readonly journal = new IntStack(1024);
  private readonly queue = new IntStack(1024);
  private queueHead = 0;
  private readonly inQueue: Uint8Array;
  private readonly removedBuf = new IntStack();
  private readonly vacated = new IntStack();
  private readonly levelBuf = Array.from({ length: RELOCATE_DEPTH + 1 }, () => new IntStack());
  private budget = 0;
  private favoured: Int32Array | null = null;

  constructor(
    private readonly inst: ScheduleInstance,
    effort: number,
  ) {
    const { S, P, C } = inst;
    this.S = S;
    this.random = new SeededRandom(inst.seed);
    this.maxMoves = inst.emptyReason ? 0 : Math.round(effort * MOVES_PER_CANDIDATE * C);
    this.mainShare = C <= LNS_MAX_CANDIDATES ? 1 - LNS_SHARE : 1;
    this.workBudgetAtEffort1 = Math.min(
      WORK_MAX,
      WORK_REFERENCE * Math.pow(WORK_REFERENCE_CANDIDATES / Math.max(1, C), 0.25),
    );
    this.workBudget = effort * this.workBudgetAtEffort1;

    this.seats = Int32Array.from(inst.seats);
    this.hostFixed = new Int32Array(P * S);
    this.slotOf = new Int32Array(C).fill(FREE);
    this.guestOcc = new Int32Array(P * S).fill(FREE);
    this.hostN = new Int32Array(P * S);
    this.hostThird = new Int32Array(P * S).fill(FREE);
    this.groupHead = new Int32Array(P * S).fill(FREE);
    this.gNext = new Int32Array(C).fill(FREE);
    this.gPrev = new Int32Array(C).fill(FREE);
    this.pairOwner = new Int32Array(inst.pairCount).fill(FREE);
    this.mcount = new Int32Array(P);
    this.demand = new Int32Array(P * S);
    this.inQueue = new Uint8Array(C);

    // Fixed meetings occupy their people, seats and pairs.
    for (const meeting of inst.fixed) {
      const hs = meeting.host * S + meeting.slot;
      this.hostN[hs] += meeting.guests.length;
      this.hostFixed[hs] += meeting.guests.length;
      if (meeting.third >= 0) this.hostThird[hs] = FIXED;
      if (this.seats[hs] < this.hostFixed[hs]) this.seats[hs] = this.hostFixed[hs];
      this.mcount[meeting.host]++;
      for (const g of meeting.guests) {
        this.guestOcc[g * S + meeting.slot] = FIXED;
        this.mcount[g]++;
      }
      if (meeting.third >= 0) {
        this.guestOcc[meeting.third * S + meeting.slot] = FIXED;
        this.mcount[meeting.third]++;
      }
    }
    for (const k of inst.fixedPairs) this.pairOwner[k] = FIXED;
    for (let p = 0; p < P; p++) if (inst.isPract[p] && this.mcount[p] > 0) this.coverage++;

    // Statically feasible slots of each candidate.
    const slotStart = new Int32Array(C + 1);
    const slotList: number[] = [];
    this.staticOk = new Uint8Array(C * S);
    for (let c = 0; c < C; c++) {
      if (!this.pairsFixedFree(c)) {
        slotStart[c + 1] = slotList.length;
        continue;
      }
      for (let s = 0; s < S; s++) {
        if (this.staticallyFeasible(c, s)) {
          slotList.push(s);
          this.staticOk[c * S + s] = 1;
        }
      }
      slotStart[c + 1] = slotList.length;
    }
    this.slotStart = slotStart;
    this.slotList = Int32Array.from(slotList);

    // Person -> candidates, and demand[p,s] = candidates of p that could use s.
    const personStart = new Int32Array(P + 1);
    for (let c = 0; c < C; c++) {
      personStart[inst.cHost[c] + 1]++;
      personStart[inst.cGuest[c] + 1]++;
      if (inst.cThird[c] >= 0) personStart[inst.cThird[c] + 1]++;
    }
    for (let p = 0; p < P; p++) personStart[p + 1] += personStart[p];
    const fill = personStart.slice(0, P);
    const personCands = new Int32Array(personStart[P]);
    for (let c = 0; c < C; c++) {
      personCands[fill[inst.cHost[c]]++] = c;
      personCands[fill[inst.cGuest[c]]++] = c;
      if (inst.cThird[c] >= 0) personCands[fill[inst.cThird[c]]++] = c;
    }
    // Each person's candidates, most valuable first (ties by index).
    for (let p = 0; p < P; p++) {
      const list = Array.from(personCands.subarray(personStart[p], personStart[p + 1]));
      list.sort((a, b) => inst.cValue[b] - inst.cValue[a] || a - b);
      personCands.set(list, personStart[p]);
    }
    this.personStart = personStart;
    this.personCands = personCands;
    for (let c = 0; c < C; c++) this.addDemand(c, 1);
  }

  // ---------------------------------------------------------------------------------------------
  // Driving

  /** Runs the whole schedule, yielding every few units of work. */
  *run(): Generator<void, void, void> {
    const { C } = this.inst;
    if (this.inst.emptyReason) {
      this.phase = 'FINISH';
      this.advance(1);
      return;
    }
    this.phase = 'CONSTRUCT';
    const processed = new Uint8Array(C);
    yield* this.constructCoverage(processed);
    yield* this.constructByValue(processed);
    yield* this.constructByPrices();
    this.phase = 'IMPROVE';
    this.advance(0.2);
    yield* this.improve();
    this.phase = 'FINISH';
    this.advance(0.95);
    yield* this.fill();
    this.advance(1);
  }

  /** Moves the reported fraction forward (never back: phases may revisit earlier steps). */
  private advance(fraction: number): void {
    if (fraction > this.fraction) this.fraction = fraction;
  }

  progress(elapsedMs: number): ScheduleProgress {
    const shown = this.annealing ? this.best : { coverage: this.coverage, value: this.value, assigned: this.assigned };
    return {
      phase: this.phase,
      fraction: Math.min(1, this.fraction),
      practitionersWithMeeting: shown.coverage,
      totalValue: shown.value,
      assignedCount: shown.assigned,
      elapsedMs,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Construction

  private *constructCoverage(processed: Uint8Array): Generator<void, void, void> {
    const { P, isPract } = this.inst;
    const order: number[] = [];
    const options = new Float64Array(P);
    for (let p = 0; p < P; p++) {
      if (!isPract[p] || this.mcount[p] > 0) continue;
      let n = 0;
      for (let i = this.personStart[p]; i < this.personStart[p + 1]; i++) {
        const c = this.personCands[i];
        n += this.slotStart[c + 1] - this.slotStart[c];
      }
      if (n === 0) continue;
      options[p] = n + this.random.next() * 0.5; // scarcest first, ties at random
      order.push(p);
    }
    order.sort((a, b) => options[a] - options[b]);
    let work = 0;
    for (const p of order) {
      if (++work % YIELD_EVERY === 0) {
        this.advance(Math.min(0.05, (0.05 * work) / Math.max(1, order.length)));
        yield;
      }
      if (this.mcount[p] > 0) continue;
      let bestC = -1;
      let bestS = -1;
      let bestGain = -1;
      let bestValue = -1;
      let bestPressure = Infinity;
      for (let i = this.personStart[p]; i < this.personStart[p + 1]; i++) {
        const c = this.personCands[i];
        if (this.slotOf[c] !== FREE || !this.pairsFree(c)) continue;
        const gain = this.coverageGain(c);
        const value = this.inst.cValue[c];
        if (gain < bestGain || (gain === bestGain && value < bestValue - EPS)) continue;
        for (let k = this.slotStart[c]; k < this.slotStart[c + 1]; k++) {
          const s = this.slotList[k];
          if (!this.canPlace(c, s)) continue;
          const pressure = this.pressure(c, s);
          if (gain > bestGain || value > bestValue + EPS || pressure < bestPressure) {
            bestC = c;
            bestS = s;
            bestGain = gain;
            bestValue = value;
            bestPressure = pressure;
          }
        }
      }
      if (bestC >= 0) {
        this.place(bestC, bestS);
        processed[bestC] = 1;
        this.addDemand(bestC, -1);
      }
    }
    this.journal.length = 0;
  }

  private *constructByValue(processed: Uint8Array): Generator<void, void, void> {
    const { C, cValue } = this.inst;
    const key = new Float64Array(C);
    const order = new Int32Array(C);
    for (let c = 0; c < C; c++) {
      order[c] = c;
      key[c] = cValue[c] + this.random.next() * 1e-6;
    }
    order.sort((a, b) => key[b] - key[a]);
    for (let i = 0; i < C; i++) {
      if ((i + 1) % YIELD_EVERY === 0) {
        this.advance(0.05 + (0.05 * i) / C);
        this.journal.length = 0;
        yield;
      }
      const c = order[i];
      if (processed[c]) continue;
      processed[c] = 1;
      this.addDemand(c, -1);
      if (!this.pairsFree(c)) continue;
      const s = this.bestFreeSlot(c);
      if (s >= 0) this.place(c, s);
    }
    this.journal.length = 0;
  }

  /**
   * A second construction that follows the approximate LP solution of Lagrangian prices (see
   * PriceGuide), where enough price iterations are affordable; kept if it beats the greedy one.
   * Also picks the candidates the annealing will favour.
   */
  private *constructByPrices(): Generator<void, void, void> {
    const inst = this.inst;
    const { C } = inst;
    const columns = this.slotList.length;
    const iterations = columns === 0 ? 0 : Math.min(PRICE_MAX_ITERATIONS, Math.floor(PRICE_WORK / columns));
    if (iterations < PRICE_MIN_ITERATIONS) return;
    const cGroup = new Int32Array(C);
    for (let c = 0; c < C; c++) cGroup[c] = inst.cPairs[inst.cPairStart[c]];
    const guide = new PriceGuide(
      {
        S: this.S,
        P: inst.P,
        C,
        cHost: inst.cHost,
        cGuest: inst.cGuest,
        cThird: inst.cThird,
        cValue: inst.cValue,
        cGroup,
        groupCount: inst.pairCount,
        slotStart: this.slotStart,
        slotList: this.slotList,
        seats: this.seats,
        hostFixed: this.hostFixed,
        lowerBound: this.value,
      },
      iterations,
    );
    while (!guide.finished) {
      guide.step();
      this.advance(0.1 + (0.1 * guide.iterations) / iterations);
      yield;
    }
    // Candidates the LP would mostly place: the annealing tries them more often.
    const weight = new Float64Array(C);
    let maxWeight = 0;
    for (let c = 0; c < C; c++) {
      for (let k = this.slotStart[c]; k < this.slotStart[c + 1]; k++) weight[c] += guide.xbar[k];
      if (weight[c] > maxWeight) maxWeight = weight[c];
    }
    const favoured: number[] = [];
    for (let c = 0; c < C; c++) if (maxWeight > 0 && weight[c] >= FAVOURED_THRESHOLD * maxWeight) favoured.push(c);
    this.favoured = Int32Array.from(favoured);

    const greedy = Int32Array.from(this.slotOf);
    const cov0 = this.coverage;
    const val0 = this.value;
    this.clear();
    // Columns by LP weight, then value; then practitioners still uncovered; then the rest by value.
    const order: number[] = [];
    const colCand = new Int32Array(columns);
    for (let c = 0; c < C; c++) {
      for (let k = this.slotStart[c]; k < this.slotStart[c + 1]; k++) {
        colCand[k] = c;
        if (guide.xbar[k] > 0) order.push(k);
      }
    }
    order.sort((a, b) => guide.xbar[b] - guide.xbar[a] || inst.cValue[colCand[b]] - inst.cValue[colCand[a]] || a - b);
    for (let i = 0; i < order.length; i++) {
      const k = order[i];
      const c = colCand[k];
      const s = this.slotList[k];
      if (this.slotOf[c] === FREE && this.canPlace(c, s) && this.pairsFree(c)) this.place(c, s);
      if ((i + 1) % (YIELD_EVERY * 8) === 0) {
        this.journal.length = 0;
        yield;
      }
    }
    this.journal.length = 0;
    yield* this.constructCoverage(new Uint8Array(C));
    yield* this.fill();
    if (this.coverage < cov0 || (this.coverage === cov0 && this.value < val0)) {
      this.clear();
      for (let c = 0; c < C; c++) if (greedy[c] !== FREE) this.place(c, greedy[c]);
      this.journal.length = 0;
    }
  }

  private clear(): void {
    for (let c = 0; c < this.inst.C; c++) if (this.slotOf[c] !== FREE) this.remove(c);
    this.journal.length = 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Improvement

  /** Share of the descent's and annealing's budget used so far (moves, and their share of the work). */
  private spent(): number {
    const byMoves = this.maxMoves > 0 ? this.iterations / this.maxMoves : 1;
    const byWork = this.workBudget > 0 ? this.work / (this.workBudget * this.mainShare) : 1;
    return Math.max(byMoves, byWork);
  }

  private improveProgress(): number {
    return 0.2 + 0.75 * Math.max(this.mainShare * this.spent(), this.workBudget > 0 ? this.work / this.workBudget : 1);
  }

  private *improve(): Generator<void, void, void> {
    const { C } = this.inst;
    this.work = 0;
    // Construction used up the demand counts; from here on free slots are taken in slot order.
    this.demand.fill(0);
    if (this.spent() >= 1) return;
    const order = new Int32Array(C);
    for (let c = 0; c < C; c++) order[c] = c;
    this.random.shuffle(order);
    for (const c of order) if (this.slotOf[c] === FREE) this.enqueue(c);
    yield* this.descend();
    this.coverByChains();
    yield* this.anneal();
    yield* this.searchNeighbourhoods();
  }

  /**
   * Tries insertion moves for queued candidates, keeping the improving ones and queueing the
   * unplaced candidates of everyone a kept move touched, until the queue is empty.
   */
  private *descend(): Generator<void, void, void> {
    while (this.queueHead < this.queue.length && this.spent() < 1) {
      const c = this.queue.data[this.queueHead++];
      this.inQueue[c] = 0;
      if (this.slotOf[c] !== FREE) continue;
      this.iterations++;
      if (this.iterations % YIELD_EVERY === 0) {
        this.advance(this.improveProgress());
        yield;
      }
      if (this.tryInsert(c)) {
        for (let i = 0; i < this.journal.length; i += 2) {
          const x = this.journal.data[i];
          this.enqueueAround(x >= 0 ? x : ~x);
        }
        this.journal.length = 0;
      }
      if (this.queueHead > 4096 && this.queueHead * 2 > this.queue.length) {
        this.queue.data.copyWithin(0, this.queueHead, this.queue.length);
        this.queue.length -= this.queueHead;
        this.queueHead = 0;
      }
    }
    for (let i = this.queueHead; i < this.queue.length; i++) this.inQueue[this.queue.data[i]] = 0;
    this.queue.length = 0;
    this.queueHead = 0;
  }

  private enqueue(c: number): void {
    if (this.inQueue[c] || this.slotStart[c] === this.slotStart[c + 1]) return;
    this.inQueue[c] = 1;
    this.queue.push(c);
  }

  /** Queues the unplaced candidates of x's people. */
  private enqueueAround(x: number): void {
    const inst = this.inst;
    this.enqueuePerson(inst.cHost[x]);
    this.enqueuePerson(inst.cGuest[x]);
    if (inst.cThird[x] >= 0) this.enqueuePerson(inst.cThird[x]);
  }

  private enqueuePerson(p: number): void {
    for (let k = this.personStart[p]; k < this.personStart[p + 1]; k++) {
      const d = this.personCands[k];
      if (this.slotOf[d] === FREE) this.enqueue(d);
    }
  }

  /** Inserts unplaced c where it gains most, if that improves the objective. */
  private tryInsert(c: number): boolean {
    if (this.pairsFree(c)) {
      const free = this.bestFreeSlot(c);
      if (free >= 0) {
        this.place(c, free);
        return true;
      }
    }
    const best = this.bestInsertion(c);
    if (best.slot < 0 || best.dc < 0 || (best.dc === 0 && best.dv <= EPS)) return false;
    this.applyInsert(c, best.slot);
    return true;
  }

  /** The slot where inserting c (see applyInsert) changes the objective most, by trying each. */
  private bestInsertion(c: number): { slot: number; dc: number; dv: number } {
    let slot = -1;
    let bestDc = -Infinity;
    let bestDv = -Infinity;
    const cov0 = this.coverage;
    const val0 = this.value;
    for (let k = this.slotStart[c]; k < this.slotStart[c + 1]; k++) {
      const s = this.slotList[k];
      const mark = this.journal.length;
      if (!this.applyInsert(c, s)) continue;
      const dc = this.coverage - cov0;
      const dv = this.value - val0;
      this.rollback(mark);
      if (dc > bestDc || (dc === bestDc && dv > bestDv + EPS)) {
        slot = s;
        bestDc = dc;
        bestDv = dv;
      }
    }
    return { slot, dc: bestDc, dv: bestDv };
  }

  /**
   * Simulated annealing over insertion moves with the rest of the budget: a random unplaced
   * candidate (half the time one the LP guide favours) goes into its best slot if that does not
   * lower the number of practitioners with a meeting and, when it lowers the value by d, with
   * probability exp(-d / T). Ends on the best schedule seen.
   */
  private *anneal(): Generator<void, void, void> {
    const { C } = this.inst;
    const start = this.spent();
    if (start >= 1) return;
    this.best = { coverage: this.coverage, value: this.value, assigned: this.assigned };
    this.annealing = true;
    let snapshot: Int32Array | null = null;
    let atBest = true;
    while (true) {
      const spent = this.spent();
      if (spent >= 1) break;
      this.iterations++;
      if (this.iterations % YIELD_EVERY === 0) {
        this.advance(this.improveProgress());
        yield;
      }
      const c = this.pickUnplaced();
      if (c < 0) continue;
      const temperature = T_START * Math.pow(T_END / T_START, (spent - start) / (1 - start));
      const move = this.bestInsertion(c);
      if (move.slot < 0 || move.dc < 0) continue;
      if (!(move.dc > 0 || move.dv > -EPS || this.random.next() < Math.exp(move.dv / temperature))) continue;
      if (atBest && move.dc === 0 && move.dv < -EPS) snapshot = Int32Array.from(this.slotOf);
      this.applyInsert(c, move.slot);
      this.journal.length = 0;
      if (
        this.coverage > this.best.coverage ||
        (this.coverage === this.best.coverage && this.value > this.best.value + EPS)
      ) {
        this.best = { coverage: this.coverage, value: this.value, assigned: this.assigned };
        atBest = true;
        snapshot = null;
      } else {
        atBest = this.coverage === this.best.coverage && Math.abs(this.value - this.best.value) <= EPS;
        if (atBest) snapshot = null;
      }
    }
    if (!atBest && snapshot) {
      this.clear();
      for (let c = 0; c < C; c++) if (snapshot[c] !== FREE) this.place(c, snapshot[c]);
      this.journal.length = 0;
    }
    this.annealing = false;
  }

  /**
   * Coverage repair by ejection chains, once for every practitioner still without a meeting
   * (again while that helps): see coverByChain.
   */
  private coverByChains(): void {
    const { P, isPract } = this.inst;
    this.onChain = new Uint8Array(P);
    for (let pass = 0; pass < 2; pass++) {
      let gained = false;
      for (let p = 0; p < P; p++) {
        if (!isPract[p] || this.mcount[p] > 0 || this.spent() >= 1) continue;
        this.chainBudget = CHAIN_BUDGET;
        if (this.coverByChain(p, CHAIN_DEPTH)) gained = true;
        this.journal.length = 0;
      }
      if (!gained) break;
    }
  }

  private onChain: Uint8Array = new Uint8Array(0);
  private chainBudget = 0;
  private readonly chainBuf = Array.from({ length: CHAIN_DEPTH + 1 }, () => new IntStack());

  /**
   * Gives practitioner u a meeting without taking one from anyone else: places one of u's
   * candidates, and each meeting in its way moves to a free slot or, if that leaves a practitioner
   * without a meeting, that practitioner is covered the same way (up to `depth` more links, never
   * twice in one chain). The value may drop; coverage, which comes first, rises by one. Returns
   * false, leaving everything as it was, when no chain is found within the budget.
   */
  private coverByChain(u: number, depth: number): boolean {
    const inst = this.inst;
    const out = this.chainBuf[depth];
    this.onChain[u] = 1;
    for (let k = this.personStart[u]; k < this.personStart[u + 1]; k++) {
      const c = this.personCands[k];
      if (this.slotOf[c] !== FREE) continue;
      for (let j = this.slotStart[c]; j < this.slotStart[c + 1]; j++) {
        if (--this.chainBudget < 0) {
          this.onChain[u] = 0;
          return false;
        }
        const s = this.slotList[j];
        out.length = 0;
        if (!this.collectBlockers(c, s, out)) continue;
        const mark = this.journal.length;
        const n = out.length;
        for (let i = 0; i < n; i++) this.remove(out.data[i]);
        this.place(c, s);
        let ok = true;
        for (let i = 0; i < n && ok; i++) {
          const b = out.data[i];
          if (this.pairsFree(b)) {
            const free = this.bestFreeSlot(b);
            if (free >= 0) {
              this.place(b, free);
              continue;
            }
          }
          for (let r = 0; r < 3 && ok; r++) {
            const q = r === 0 ? inst.cHost[b] : r === 1 ? inst.cGuest[b] : inst.cThird[b];
            if (q < 0 || !inst.isPract[q] || this.mcount[q] > 0) continue;
            ok = depth > 0 && !this.onChain[q] && this.coverByChain(q, depth - 1);
          }
        }
        if (ok) {
          this.onChain[u] = 0;
          return true;
        }
        this.rollback(mark);
      }
    }
    this.onChain[u] = 0;
    return false;
  }

  /** A random unplaced candidate with a usable slot (half the time one the LP guide favours), or -1. */
  private pickUnplaced(): number {
    const { C } = this.inst;
    const favoured = this.favoured;
    if (favoured && favoured.length > 0 && this.random.next() < FAVOURED_SHARE) {
      for (let tries = 0; tries < 8; tries++) {
        const d = favoured[this.random.int(favoured.length)];
        if (this.slotOf[d] === FREE) return d;
      }
    }
    for (let tries = 0; tries < 16; tries++) {
      const d = this.random.int(C);
      if (this.slotOf[d] === FREE && this.slotStart[d] < this.slotStart[d + 1]) return d;
    }
    return -1;
  }

  /**
   * Large-neighbourhood search with the rest of the budget. Each step takes an unplaced candidate,
   * the people it needs and the people of the meetings in its way (up to LNS_PEOPLE), takes out
   * every meeting of those people, and re-solves their candidates exactly (branch and bound, at
   * most LNS_NODES nodes), keeping the result only if it raises the objective (lexicographic, as
   * everywhere). Annealing moves one or two meetings at a time; this finds the improvements that
   * need several to move together, which is what sparse diaries call for.
   */
  private *searchNeighbourhoods(): Generator<void, void, void> {
    const { C, P } = this.inst;
    if (this.mainShare >= 1 || this.work >= this.workBudget) return;
    this.inNb = new Uint8Array(P);
    this.inList = new Uint8Array(C);
    this.stamp = new Int32Array(P);
    this.capacity = new Int32Array(P);
    // Practitioners still without a meeting who have candidates: half the steps start from theirs.
    const uncovered: number[] = [];
    for (let p = 0; p < P; p++)
      if (this.inst.isPract[p] && this.mcount[p] === 0 && this.personStart[p] < this.personStart[p + 1])
        uncovered.push(p);
    const effort = this.workBudget / this.workBudgetAtEffort1;
    const workEnd = Math.min(this.workBudget, this.work + effort * LNS_WORK_PER_CANDIDATE * C);
    const stallLimit = effort * (LNS_STALL_MIN + LNS_STALL_PER_CANDIDATE * C);
    let stalled = 0;
    while (this.work < workEnd && stalled < stallLimit) {
      this.iterations++;
      stalled++;
      const c = uncovered.length > 0 && this.random.next() < 0.5 ? this.pickUncovered(uncovered) : this.pickUnplaced();
      if (c >= 0 && this.searchNeighbourhood(c)) stalled = 0;
      this.advance(this.improveProgress());
      yield;
    }
  }

  /** An unplaced candidate with a usable slot of a practitioner still without a meeting, or -1. */
  private pickUncovered(uncovered: number[]): number {
    while (uncovered.length > 0) {
      const i = this.random.int(uncovered.length);
      const p = uncovered[i];
      if (this.mcount[p] === 0) {
        const from = this.personStart[p];
        const d = this.personCands[from + this.random.int(this.personStart[p + 1] - from)];
        return this.slotOf[d] === FREE && this.slotStart[d] < this.slotStart[d + 1] ? d : -1;
      }
      uncovered[i] = uncovered[uncovered.length - 1];
      uncovered.pop();
    }
    return -1;
  }

  // Scratch of the neighbourhood search.
  private inNb: Uint8Array = new Uint8Array(0);
  private inList: Uint8Array = new Uint8Array(0);
  private stamp: Int32Array = new Int32Array(0);
  private stampNow = 0;
  private capacity: Int32Array = new Int32Array(0);
  private readonly nbPeople = new IntStack();
  private readonly nbList = new IntStack();
  private readonly nbBest = new IntStack();
  private nbNodes = 0;
  private nbBestCoverage = 0;
  private nbBestValue = 0;
  private nbImproved = false;

  private addToNeighbourhood(p: number): void {
    if (this.inNb[p] || this.nbPeople.length >= LNS_PEOPLE) return;
    this.inNb[p] = 1;
    this.nbPeople.push(p);
  }

  private addPeopleOf(c: number): void {
    const inst = this.inst;
    this.addToNeighbourhood(inst.cHost[c]);
    this.addToNeighbourhood(inst.cGuest[c]);
    if (inst.cThird[c] >= 0) this.addToNeighbourhood(inst.cThird[c]);
  }

  /** One step of the search around unplaced candidate c (see searchNeighbourhoods); true if it gained. */
  private searchNeighbourhood(c: number): boolean {
    const inst = this.inst;
    const people = this.nbPeople;
    const list = this.nbList;
    people.length = 0;
    list.length = 0;
    this.addPeopleOf(c);
    // The people of what blocks c, from a random slot on.
    const from = this.slotStart[c];
    const n = this.slotStart[c + 1] - from;
    const offset = this.random.int(n);
    const blockers = this.removedBuf;
    for (let i = 0; i < n && people.length < LNS_PEOPLE; i++) {
      blockers.length = 0;
      if (!this.collectBlockers(c, this.slotList[from + ((offset + i) % n)], blockers)) continue;
      for (let j = 0; j < blockers.length; j++) this.addPeopleOf(blockers.data[j]);
    }
    // Then outwards: the people of the neighbourhood's meetings and of their best candidates.
    for (let i = 0; i < people.length && people.length < LNS_PEOPLE; i++) {
      const p = people.data[i];
      for (let k = this.personStart[p]; k < this.personStart[p + 1] && k < this.personStart[p] + LNS_FAN_OUT; k++) {
        const d = this.personCands[k];
        if (this.slotStart[d] < this.slotStart[d + 1]) this.addPeopleOf(d);
      }
    }
    const coverage0 = this.coverage;
    const value0 = this.value;
    const mark = this.journal.length;
    // Take out every meeting of the neighbourhood's people; their candidates are the subproblem.
    for (let i = 0; i < people.length; i++) {
      const p = people.data[i];
      for (let k = this.personStart[p]; k < this.personStart[p + 1]; k++) {
        const d = this.personCands[k];
        if (this.slotOf[d] !== FREE) {
          this.remove(d);
          this.inList[d] = 1;
          list.push(d);
        }
      }
    }
    // Then the most valuable unplaced candidates of those people (each person's are sorted).
    for (let round = 0; list.length < LNS_CANDIDATES; round++) {
      let added = false;
      for (let i = 0; i < people.length && list.length < LNS_CANDIDATES; i++) {
        const p = people.data[i];
        const k = this.personStart[p] + round;
        if (k >= this.personStart[p + 1]) continue;
        added = true;
        const d = this.personCands[k];
        if (this.inList[d] || this.slotStart[d] === this.slotStart[d + 1] || !this.pairsFixedFree(d)) continue;
        this.inList[d] = 1;
        list.push(d);
      }
      if (!added) break;
    }
    sortByValueDesc(list, inst.cValue);
    // The unplaced candidate the neighbourhood is built around is tried first.
    if (!this.inList[c]) {
      this.inList[c] = 1;
      list.push(c);
    }
    let at = 0;
    while (list.data[at] !== c) at++;
    list.data.copyWithin(1, 0, at);
    list.data[0] = c;
    const afterRemoval = this.journal.length;
    this.nbBestCoverage = coverage0;
    this.nbBestValue = value0;
    this.nbImproved = false;
    this.nbNodes = 0;
    this.branch(0);
    this.rollback(afterRemoval);
    if (this.nbImproved) {
      for (let i = 0; i < list.length; i++)
        if (this.nbBest.data[i] !== FREE) this.place(list.data[i], this.nbBest.data[i]);
    } else {
      this.rollback(mark);
    }
    this.journal.length = mark;
    for (let i = 0; i < people.length; i++) this.inNb[people.data[i]] = 0;
    for (let i = 0; i < list.length; i++) this.inList[list.data[i]] = 0;
    return this.nbImproved;
  }

  /** Branch and bound over nbList[i..]: place each candidate in one of its slots, or leave it out. */
  private branch(i: number): void {
    if (this.nbNodes >= LNS_NODES) return;
    this.nbNodes++;
    if (
      this.coverage > this.nbBestCoverage ||
      (this.coverage === this.nbBestCoverage && this.value > this.nbBestValue + EPS)
    ) {
      this.nbBestCoverage = this.coverage;
      this.nbBestValue = this.value;
      this.nbImproved = true;
      const best = this.nbBest;
      best.length = 0;
      for (let j = 0; j < this.nbList.length; j++) best.push(this.slotOf[this.nbList.data[j]]);
    }
    const list = this.nbList;
    if (i >= list.length || !this.mayImprove(i)) return;
    const c = list.data[i];
    if (this.pairsFree(c)) {
      for (let k = this.slotStart[c]; k < this.slotStart[c + 1]; k++) {
        const s = this.slotList[k];
        if (!this.canPlace(c, s)) continue;
        const mark = this.journal.length;
        this.place(c, s);
        this.branch(i + 1);
        this.rollback(mark);
        if (this.nbNodes >= LNS_NODES) return;
      }
    }
    this.branch(i + 1);
  }

  /**
   * Whether placing some of nbList[i..] could beat the best found: at most every uncovered
   * practitioner among their people gains a meeting, and each candidate is charged to one of the
   * neighbourhood's people, who can take at most as many more meetings as they have room for
   * (the list is sorted by value, so each person's first ones are their best).
   */
  private bound(i: number): { coverage: number; value: number } {
    const { S } = this;
    const inst = this.inst;
    const list = this.nbList;
    const stamp = ++this.stampNow;
    let coverage = this.coverage;
    let value = this.value;
    this.work += (list.length - i) >> 2;
    for (let j = i; j < list.length; j++) {
      const c = list.data[j];
      for (let r = 0; r < 3; r++) {
        const p = r === 0 ? inst.cHost[c] : r === 1 ? inst.cGuest[c] : inst.cThird[c];
        if (p < 0 || this.stamp[p] === stamp) continue;
        this.stamp[p] = stamp;
        if (inst.isPract[p] && this.mcount[p] === 0) coverage++;
        if (this.inNb[p]) {
          this.work += S >> 3;
          let room = 0;
          for (let s = 0; s < S; s++) {
            const ps = p * S + s;
            if (!inst.usable[s] || !inst.avail[ps] || this.guestOcc[ps] !== FREE) continue;
            if (this.hostN[ps] === 0) room += Math.max(1, this.seats[ps]);
            else if (this.hostThird[ps] === FREE) room += Math.max(0, this.seats[ps] - this.hostN[ps]);
          }
          this.capacity[p] = room;
        }
      }
      const owner = this.inNb[inst.cHost[c]]
        ? inst.cHost[c]
        : this.inNb[inst.cGuest[c]]
          ? inst.cGuest[c]
          : inst.cThird[c];
      if (owner >= 0 && this.inNb[owner]) {
        if (this.capacity[owner] > 0) {
          this.capacity[owner]--;
          value += inst.cValue[c];
        }
      } else {
        value += inst.cValue[c];
      }
    }
    return { coverage, value };
  }

  private mayImprove(i: number): boolean {
    const b = this.bound(i);
    return b.coverage > this.nbBestCoverage || (b.coverage === this.nbBestCoverage && b.value > this.nbBestValue + EPS);
  }

  /**
   * Removes what blocks c in s and places c; then moves each removed candidate to another slot
   * (recursively making room there, up to RELOCATE_DEPTH), and finally fills the person-slots that
   * were vacated with unplaced candidates that now fit (most valuable first).
   */
  private applyInsert(c: number, s: number): boolean {
    const removed = this.removedBuf;
    removed.length = 0;
    if (!this.collectBlockers(c, s, removed)) return false;
    this.vacated.length = 0;
    for (let i = 0; i < removed.length; i++) this.vacate(removed.data[i]);
    this.place(c, s);
    if (removed.length > 1) sortByValueDesc(removed, this.inst.cValue);
    this.budget = RELOCATE_BUDGET;
    for (let i = 0; i < removed.length; i++) this.relocate(removed.data[i], RELOCATE_DEPTH);
    this.fillVacated();
    return true;
  }

  /** Removes placed candidate b, remembering the person-slots it frees. */
  private vacate(b: number): void {
    const inst = this.inst;
    const s = this.slotOf[b];
    const vacated = this.vacated;
    vacated.push(inst.cGuest[b]);
    vacated.push(s);
    if (this.hostN[inst.cHost[b] * this.S + s] === 1) {
      vacated.push(inst.cHost[b]);
      vacated.push(s);
    }
    if (inst.cThird[b] >= 0) {
      vacated.push(inst.cThird[b]);
      vacated.push(s);
    }
    if (inst.cLong[b]) {
      const n = inst.next[s];
      for (const p of [inst.cHost[b], inst.cGuest[b], ...(inst.cThird[b] >= 0 ? [inst.cThird[b]] : [])]) {
        vacated.push(p);
        vacated.push(n);
      }
    }
    this.remove(b);
  }

  /**
   * Places unplaced candidate b somewhere: in a slot where it fits as things stand, or else (depth
   * permitting) in a slot whose one or two occupants can themselves be moved. Returns false,
   * leaving everything as it was, when it cannot.
   */
  private relocate(b: number, depth: number): boolean {
    if (!this.pairsFree(b)) return false;
    const free = this.bestFreeSlot(b);
    if (free >= 0) {
      this.place(b, free);
      return true;
    }
    if (depth <= 0) return this.relocateByEjecting(b);
    const out = this.levelBuf[depth];
    for (let k = this.slotStart[b]; k < this.slotStart[b + 1]; k++) {
      if (this.budget <= 0) return false;
      this.budget--;
      const t = this.slotList[k];
      out.length = 0;
      if (!this.collectBlockers(b, t, out) || out.length === 0 || out.length > 2) continue;
      const mark = this.journal.length;
      const vacatedMark = this.vacated.length;
      const n = out.length;
      for (let i = 0; i < n; i++) this.vacate(out.data[i]);
      this.place(b, t);
      let ok = true;
      for (let i = 0; i < n && ok; i++) ok = this.relocate(out.data[i], depth - 1);
      if (ok) return true;
      this.rollback(mark);
      this.vacated.length = vacatedMark;
    }
    return false;
  }

  /**
   * The end of an ejection chain: places b in the slot where a single, less valuable candidate is
   * in the way, and leaves that one out.
   */
  private relocateByEjecting(b: number): boolean {
    const inst = this.inst;
    const out = this.levelBuf[0];
    let bestT = -1;
    let bestE = -1;
    for (let k = this.slotStart[b]; k < this.slotStart[b + 1]; k++) {
      const t = this.slotList[k];
      out.length = 0;
      if (!this.collectBlockers(b, t, out) || out.length !== 1) continue;
      const e = out.data[0];
      if (inst.cValue[e] >= inst.cValue[b] - EPS) continue;
      if (bestE < 0 || inst.cValue[e] < inst.cValue[bestE]) {
        bestT = t;
        bestE = e;
      }
    }
    if (bestE < 0) return false;
    this.vacate(bestE);
    this.place(b, bestT);
    return true;
  }

  /** Greedily fills the vacated person-slots with unplaced candidates that fit there now. */
  private fillVacated(): void {
    const { S } = this;
    const vacated = this.vacated;
    for (let i = 0; i < vacated.length; i += 2) {
      const p = vacated.data[i];
      const s = vacated.data[i + 1];
      if (this.guestOcc[p * S + s] !== FREE || this.hostN[p * S + s] !== 0) continue;
      // Candidates are sorted by value: the first that fits is the best.
      for (let k = this.personStart[p]; k < this.personStart[p + 1]; k++) {
        const d = this.personCands[k];
        if (this.slotOf[d] === FREE && this.staticOk[d * S + s] && this.canPlace(d, s) && this.pairsFree(d)) {
          this.place(d, s);
          break;
        }
      }
    }
  }

  /** Places, most valuable first, every unplaced candidate that fits as things stand. */
  private *fill(): Generator<void, void, void> {
    const { C, cValue } = this.inst;
    const order = Array.from({ length: C }, (_, c) => c).sort((a, b) => cValue[b] - cValue[a] || a - b);
    let work = 0;
    for (const c of order) {
      if (++work % (YIELD_EVERY * 8) === 0) {
        this.journal.length = 0;
        yield;
      }
      if (this.slotOf[c] !== FREE || !this.pairsFree(c)) continue;
      const s = this.bestFreeSlot(c);
      if (s >= 0) this.place(c, s);
    }
    this.journal.length = 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Primitive operations

  private place(c: number, s: number): void {
    const { S } = this;
    const inst = this.inst;
    const h = inst.cHost[c];
    const g = inst.cGuest[c];
    const t = inst.cThird[c];
    const hs = h * S + s;
    this.work++;
    this.slotOf[c] = s;
    this.hostN[hs]++;
    const head = this.groupHead[hs];
    this.gNext[c] = head;
    this.gPrev[c] = FREE;
    if (head !== FREE) this.gPrev[head] = c;
    this.groupHead[hs] = c;
    this.guestOcc[g * S + s] = c;
    if (t >= 0) {
      this.guestOcc[t * S + s] = c;
      this.bump(t, 1);
    }
    if (t >= 0 || inst.cLong[c]) this.hostThird[hs] = c;
    if (inst.cLong[c]) this.occupySecond(c, inst.next[s], c, 1);
    this.bump(h, 1);
    this.bump(g, 1);
    for (let k = inst.cPairStart[c]; k < inst.cPairStart[c + 1]; k++) this.pairOwner[inst.cPairs[k]] = c;
    this.value += inst.cValue[c];
    this.assigned++;
    this.journal.push(c);
    this.journal.push(s);
  }

  private remove(c: number): void {
    const { S } = this;
    const inst = this.inst;
    const s = this.slotOf[c];
    const h = inst.cHost[c];
    const g = inst.cGuest[c];
    const t = inst.cThird[c];
    const hs = h * S + s;
    this.work++;
    this.slotOf[c] = FREE;
    this.hostN[hs]--;
    const prev = this.gPrev[c];
    const next = this.gNext[c];
    if (prev !== FREE) this.gNext[prev] = next;
    else this.groupHead[hs] = next;
    if (next !== FREE) this.gPrev[next] = prev;
    this.guestOcc[g * S + s] = FREE;
    if (t >= 0) {
      this.guestOcc[t * S + s] = FREE;
      this.bump(t, -1);
    }
    if (t >= 0 || inst.cLong[c]) this.hostThird[hs] = FREE;
    if (inst.cLong[c]) this.occupySecond(c, inst.next[s], FREE, -1);
    this.bump(h, -1);
    this.bump(g, -1);
    for (let k = inst.cPairStart[c]; k < inst.cPairStart[c + 1]; k++) this.pairOwner[inst.cPairs[k]] = FREE;
    this.value -= inst.cValue[c];
    this.assigned--;
    this.journal.push(~c);
    this.journal.push(s);
  }

  /**
   * An extra-time candidate's second slot n: it has the host to itself there (`hostThird`, not in
   * the group list, which is the first slot's) and holds its guest and third party. `occ` is c when
   * placing and FREE when removing; `delta` the change in the host's count.
   */
  private occupySecond(c: number, n: number, occ: number, delta: number): void {
    const { S } = this;
    const inst = this.inst;
    const hn = inst.cHost[c] * S + n;
    this.hostN[hn] += delta;
    this.hostThird[hn] = occ;
    this.guestOcc[inst.cGuest[c] * S + n] = occ;
    if (inst.cThird[c] >= 0) this.guestOcc[inst.cThird[c] * S + n] = occ;
  }

  private rollback(mark: number): void {
    const journal = this.journal;
    while (journal.length > mark) {
      const s = journal.data[journal.length - 1];
      const entry = journal.data[journal.length - 2];
      journal.length -= 2;
      if (entry >= 0) this.remove(entry);
      else this.place(~entry, s);
      // The undo itself was journalled: drop it.
      journal.length -= 2;
    }
  }

  private bump(p: number, delta: number): void {
    const before = this.mcount[p];
    this.mcount[p] = before + delta;
    if (this.inst.isPract[p]) {
      if (before === 0 && delta > 0) this.coverage++;
      else if (before + delta === 0 && delta < 0) this.coverage--;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Queries

  private pairsFixedFree(c: number): boolean {
    const inst = this.inst;
    for (let k = inst.cPairStart[c]; k < inst.cPairStart[c + 1]; k++)
      if (this.pairOwner[inst.cPairs[k]] === FIXED) return false;
    return true;
  }

  private pairsFree(c: number): boolean {
    const inst = this.inst;
    for (let k = inst.cPairStart[c]; k < inst.cPairStart[c + 1]; k++)
      if (this.pairOwner[inst.cPairs[k]] !== FREE) return false;
    return true;
  }

  /**
   * Usable slot where everyone is available, the host offers seats, and fixed meetings leave room;
   * for an extra-time candidate, in s and the slot right after it, with the host to itself.
   */
  private staticallyFeasible(c: number, s: number): boolean {
    const inst = this.inst;
    if (!inst.cLong[c]) return this.feasibleIn(c, s, inst.cThird[c] >= 0);
    const n = inst.next[s];
    return n >= 0 && this.feasibleIn(c, s, true) && this.feasibleIn(c, n, true);
  }

  /** staticallyFeasible in one slot; `alone`: the meeting needs the host to itself. */
  private feasibleIn(c: number, s: number, alone: boolean): boolean {
    const { S } = this;
    const inst = this.inst;
    if (!inst.usable[s]) return false;
    const h = inst.cHost[c];
    const g = inst.cGuest[c];
    const t = inst.cThird[c];
    const hs = h * S + s;
    if (!inst.avail[hs] || !inst.avail[g * S + s] || inst.seats[hs] < 1) return false;
    if (t >= 0 && !inst.avail[t * S + s]) return false;
    if (this.guestOcc[hs] === FIXED || this.hostThird[hs] === FIXED) return false;
    if (alone ? this.hostFixed[hs] > 0 : this.hostFixed[hs] >= this.seats[hs]) return false;
    if (this.guestOcc[g * S + s] === FIXED || this.hostFixed[g * S + s] > 0) return false;
    if (t >= 0 && (this.guestOcc[t * S + s] === FIXED || this.hostFixed[t * S + s] > 0)) return false;
    return true;
  }

  /** c fits in s as things stand (s must be one of c's static slots; pairs checked separately). */
  private canPlace(c: number, s: number): boolean {
    this.work++;
    const inst = this.inst;
    if (!inst.cLong[c]) return this.fitsIn(c, s, inst.cThird[c] >= 0);
    return this.fitsIn(c, s, true) && this.fitsIn(c, inst.next[s], true);
  }

  /** canPlace in one slot; `alone`: the meeting needs the host to itself. */
  private fitsIn(c: number, s: number, alone: boolean): boolean {
    const { S } = this;
    const inst = this.inst;
    const g = inst.cGuest[c] * S + s;
    if (this.guestOcc[g] !== FREE || this.hostN[g] !== 0) return false;
    const t = inst.cThird[c];
    if (t >= 0) {
      const ts = t * S + s;
      if (this.guestOcc[ts] !== FREE || this.hostN[ts] !== 0) return false;
    }
    const hs = inst.cHost[c] * S + s;
    if (this.guestOcc[hs] !== FREE) return false;
    if (alone) return this.hostN[hs] === 0;
    return this.hostThird[hs] === FREE && this.hostN[hs] < this.seats[hs];
  }

  /** Best slot where c fits as things stand (least pressure on others), or -1. */
  private bestFreeSlot(c: number): number {
    let best = -1;
    let bestPressure = Infinity;
    for (let k = this.slotStart[c]; k < this.slotStart[c + 1]; k++) {
      const s = this.slotList[k];
      if (!this.canPlace(c, s)) continue;
      const pressure = this.pressure(c, s);
      if (pressure < bestPressure) {
        best = s;
        bestPressure = pressure;
      }
    }
    return best;
  }

  /** How much placing c in s takes from others: the demand left on s of the people it occupies. */
  private pressure(c: number, s: number): number {
    const { S } = this;
    const inst = this.inst;
    const hs = inst.cHost[c] * S + s;
    let sum = this.demand[inst.cGuest[c] * S + s];
    if (inst.cThird[c] >= 0) sum += this.demand[inst.cThird[c] * S + s];
    if (this.hostN[hs] === 0 || inst.cThird[c] >= 0) sum += this.demand[hs];
    return sum;
  }

  private addDemand(c: number, delta: number): void {
    const { S } = this;
    const inst = this.inst;
    for (let k = this.slotStart[c]; k < this.slotStart[c + 1]; k++) {
      const s = this.slotList[k];
      this.demand[inst.cHost[c] * S + s] += delta;
      this.demand[inst.cGuest[c] * S + s] += delta;
      if (inst.cThird[c] >= 0) this.demand[inst.cThird[c] * S + s] += delta;
    }
  }

  private coverageGain(c: number): number {
    const inst = this.inst;
    let gain = 0;
    if (inst.isPract[inst.cHost[c]] && this.mcount[inst.cHost[c]] === 0) gain++;
    if (inst.isPract[inst.cGuest[c]] && this.mcount[inst.cGuest[c]] === 0) gain++;
    const t = inst.cThird[c];
    if (t >= 0 && inst.isPract[t] && this.mcount[t] === 0) gain++;
    return gain;
  }

  /**
   * The placed candidates that must leave for c to go into s (into `out`), or false when a fixed
   * meeting is in the way. A full group gives up its least valuable placed guest.
   */
  private collectBlockers(c: number, s: number, out: IntStack): boolean {
    const inst = this.inst;
    const long = inst.cLong[c] === 1;
    if (!this.blockersIn(c, s, long || inst.cThird[c] >= 0, out)) return false;
    if (long && !this.blockersIn(c, inst.next[s], true, out)) return false;
    for (let k = inst.cPairStart[c]; k < inst.cPairStart[c + 1]; k++) {
      const owner = this.pairOwner[inst.cPairs[k]];
      if (owner === FIXED) return false;
      if (owner !== FREE && !out.includes(owner)) out.push(owner);
    }
    return true;
  }

  /** collectBlockers in one slot; `alone`: the meeting needs the host to itself. */
  private blockersIn(c: number, s: number, alone: boolean, out: IntStack): boolean {
    const { S } = this;
    const inst = this.inst;
    if (!this.guestBlockers(inst.cGuest[c] * S + s, out)) return false;
    const t = inst.cThird[c];
    if (t >= 0 && !this.guestBlockers(t * S + s, out)) return false;
    const hs = inst.cHost[c] * S + s;
    const occ = this.guestOcc[hs];
    if (occ === FIXED) return false;
    if (occ !== FREE && !out.includes(occ)) out.push(occ);
    if (this.hostN[hs] > 0) {
      if (alone) {
        if (this.hostFixed[hs] > 0 || this.hostThird[hs] === FIXED) return false;
        this.hostedBlockers(hs, out);
      } else if (this.hostThird[hs] === FIXED) {
        return false;
      } else if (this.hostThird[hs] !== FREE) {
        if (!out.includes(this.hostThird[hs])) out.push(this.hostThird[hs]);
      } else if (this.hostN[hs] >= this.seats[hs]) {
        let cheapest = -1;
        for (let b = this.groupHead[hs]; b !== FREE; b = this.gNext[b]) {
          if (out.includes(b)) {
            cheapest = -2; // already leaving: a seat frees up
            break;
          }
          if (
            cheapest === -1 ||
            inst.cValue[b] < inst.cValue[cheapest] ||
            (inst.cValue[b] === inst.cValue[cheapest] && b < cheapest)
          )
            cheapest = b;
        }
        if (cheapest === -1) return false;
        if (cheapest >= 0) out.push(cheapest);
      }
    }
    return true;
  }

  /**
   * Every placed candidate in the meeting hosted at ps: its group list, and an extra-time candidate
   * in its second slot (which is only in `hostThird` there).
   */
  private hostedBlockers(ps: number, out: IntStack): void {
    for (let b = this.groupHead[ps]; b !== FREE; b = this.gNext[b]) if (!out.includes(b)) out.push(b);
    const alone = this.hostThird[ps];
    if (alone >= 0 && !out.includes(alone)) out.push(alone);
  }

  /** What occupies person-slot ps, for someone joining as a guest or third party. */
  private guestBlockers(ps: number, out: IntStack): boolean {
    const occ = this.guestOcc[ps];
    if (occ === FIXED) return false;
    if (occ !== FREE && !out.includes(occ)) out.push(occ);
    if (this.hostN[ps] > 0) {
      if (this.hostFixed[ps] > 0 || this.hostThird[ps] === FIXED) return false;
      this.hostedBlockers(ps, out);
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Result

  result(): ScheduleResult {
    const inst = this.inst;
    const { input } = inst;
    const assignments: ScheduleAssignment[] = [];
    const unassigned: UnassignedCandidate[] = [];
    const assignedByTier = Object.fromEntries(MEETING_TIERS.map((tier) => [tier, 0])) as Record<MeetingTier, number>;
    let value = 0;
    for (let c = 0; c < inst.C; c++) {
      const s = this.slotOf[c];
      const candidateId = input.candidates[c].id;
      if (s !== FREE) {
        assignments.push({ candidateId, slotId: input.slots[inst.slotOrder[s]].id });
        assignedByTier[MEETING_TIERS[inst.cTier[c]]]++;
        value += inst.cValue[c];
      } else {
        unassigned.push({ candidateId, reason: this.reasonFor(c) });
      }
    }
    const practitionersWithoutMeeting: string[] = [];
    let coverage = 0;
    for (let p = 0; p < inst.P; p++) {
      if (!inst.isPract[p]) continue;
      if (this.mcount[p] > 0) coverage++;
      else practitionersWithoutMeeting.push(input.people[p].id);
    }
    return {
      assignments,
      unassigned,
      practitionersWithoutMeeting,
      objective: {
        practitionersWithMeeting: coverage,
        practitionersTotal: inst.practitionersTotal,
        totalValue: value,
        assignedCount: assignments.length,
        assignedByTier,
      },
      emptyReason: inst.emptyReason,
      iterations: this.iterations,
      seed: inst.seed,
    };
  }

  private reasonFor(c: number): UnassignedReason {
    const { S } = this;
    const inst = this.inst;
    for (let k = inst.cPairStart[c]; k < inst.cPairStart[c + 1]; k++)
      if (this.pairOwner[inst.cPairs[k]] !== FREE) return 'REPEATED_PAIR';
    const h = inst.cHost[c];
    const g = inst.cGuest[c];
    const t = inst.cThird[c];
    let common = false;
    let hostFull = false;
    const usableFor = (s: number): boolean => {
      const hs = h * S + s;
      if (!inst.usable[s] || !inst.avail[hs] || !inst.avail[g * S + s] || inst.seats[hs] < 1) return false;
      return t < 0 || inst.avail[t * S + s] === 1;
    };
    const free = (p: number, s: number): boolean => this.guestOcc[p * S + s] === FREE && this.hostN[p * S + s] === 0;
    for (let s = 0; s < S; s++) {
      // Extra time: the slot and the next one, both usable by everyone.
      const taken = inst.cLong[c] ? [s, inst.next[s]] : [s];
      if (!taken.every((x) => x >= 0 && usableFor(x))) continue;
      common = true;
      if (taken.every((x) => free(g, x) && (t < 0 || free(t, x)) && this.guestOcc[h * S + x] === FREE)) hostFull = true;
    }
    if (!common) return 'NO_COMMON_SLOT';
    return hostFull ? 'HOST_FULL' : 'PERSON_BUSY';
  }
}

/** Sorts a small stack of candidates by value, most valuable first (ties by index). */
function sortByValueDesc(stack: IntStack, value: Float64Array): void {
  const data = stack.data;
  for (let i = 1; i < stack.length; i++) {
    const x = data[i];
    let j = i - 1;
    while (j >= 0 && (value[data[j]] < value[x] || (value[data[j]] === value[x] && data[j] > x))) {
      data[j + 1] = data[j];
      j--;
    }
    data[j + 1] = x;
  }
}
