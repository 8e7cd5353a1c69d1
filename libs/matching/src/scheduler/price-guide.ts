/**
 * Lagrangian prices for the scheduler's construction.
 *
 * The LP relaxation of the scheduling problem is nearly integral on realistic instances, so its
 * solution is an excellent guide. We approximate it by relaxing the "one meeting per person per
 * slot" rows with prices μ[p,s] ≥ 0: what remains splits into one tiny problem per pair (choose
 * the candidate and slot with the largest positive reduced value v − Σ μ, or nothing), and the
 * prices are moved by the subgradient method (Polyak steps). How often each (candidate, slot)
 * was chosen over the later iterations approximates the LP solution; the construction places
 * candidates in that order.
 *
 * Group hosts use 1/seats of their row per guest (a full group uses the row once); a three-way
 * meeting uses its host's whole row.
 */
export interface PriceGuideInput {
  S: number;
  P: number;
  C: number;
  cHost: Int32Array;
  cGuest: Int32Array;
  cThird: Int32Array;
  cValue: Float64Array;
  /** Primary pair (host, guest) of each candidate: candidates of one pair exclude each other. */
  cGroup: Int32Array;
  groupCount: number;
  slotStart: Int32Array;
  slotList: Int32Array;
  /** Effective seats per host-slot, and the part already used by fixed meetings. */
  seats: Int32Array;
  hostFixed: Int32Array;
  /** A feasible schedule's value (a lower bound on the optimum) for the step size. */
  lowerBound: number;
}

export class PriceGuide {
  /**
   * Votes per column (column k is candidate c in slot slotList[k], slotStart[c] ≤ k < slotStart[c + 1]):
   * how many of the later iterations chose it — proportional to an approximate LP solution.
   */
  readonly xbar: Float32Array;
  iterations = 0;
  /** The lowest Lagrangian bound seen (an upper bound on the LP optimum, without coverage). */
  bestBound = Infinity;
  private lambda = 2;
  private sinceImprovement = 0;

  private readonly mu: Float64Array;
  private readonly cap: Float64Array;
  private readonly usage: Float64Array;
  private readonly groupStart: Int32Array;
  private readonly groupCands: Int32Array;
  private readonly chosen: Int32Array;
  private readonly hostCoef: Float64Array;

  constructor(
    private readonly input: PriceGuideInput,
    private readonly totalIterations: number,
  ) {
    const { S, P, C, groupCount, cGroup, slotStart } = input;
    this.xbar = new Float32Array(slotStart[C]);
    this.mu = new Float64Array(P * S);
    this.cap = new Float64Array(P * S).fill(1);
    this.usage = new Float64Array(P * S);
    for (let r = 0; r < P * S; r++) {
      if (input.hostFixed[r] > 0 && input.seats[r] > 0)
        this.cap[r] = Math.max(0, 1 - input.hostFixed[r] / input.seats[r]);
    }
    const groupStart = new Int32Array(groupCount + 1);
    for (let c = 0; c < C; c++) groupStart[cGroup[c] + 1]++;
    for (let g = 0; g < groupCount; g++) groupStart[g + 1] += groupStart[g];
    const fill = groupStart.slice(0, groupCount);
    const groupCands = new Int32Array(C);
    for (let c = 0; c < C; c++) groupCands[fill[cGroup[c]]++] = c;
    this.groupStart = groupStart;
    this.groupCands = groupCands;
    this.chosen = new Int32Array(groupCount).fill(-1);
    // Host coefficient per column.
    this.hostCoef = new Float64Array(slotStart[C]);
    for (let c = 0; c < C; c++) {
      for (let k = slotStart[c]; k < slotStart[c + 1]; k++) {
        const seats = input.seats[input.cHost[c] * S + input.slotList[k]];
        this.hostCoef[k] = input.cThird[c] >= 0 || seats <= 1 ? 1 : 1 / seats;
      }
    }
    // Start every price at a quarter of the mean value: most rows are contested.
    let mean = 0;
    for (let c = 0; c < C; c++) mean += input.cValue[c];
    this.mu.fill(C > 0 ? (0.25 * mean) / C : 0);
  }

  get finished(): boolean {
    return this.iterations >= this.totalIterations;
  }

  /** One subgradient iteration (Polyak step); the second half of the iterations vote. */
  step(): void {
    const { S, cHost, cGuest, cThird, slotList, groupCount } = this.input;
    const { mu, cap, chosen, hostCoef, usage } = this;
    const bound = this.solveAt(mu);
    usage.fill(0);
    for (let g = 0; g < groupCount; g++) {
      const k = chosen[g];
      if (k < 0) continue;
      const c = this.candidateOf(g, k);
      const s = slotList[k];
      usage[cHost[c] * S + s] += hostCoef[k];
      usage[cGuest[c] * S + s] += 1;
      if (cThird[c] >= 0) usage[cThird[c] * S + s] += 1;
    }
    // Polyak steps with a factor halved whenever the bound stalls for 8 iterations.
    if (bound < this.bestBound - 1e-9) {
      this.bestBound = bound;
      this.sinceImprovement = 0;
    } else if (++this.sinceImprovement >= 8) {
      this.lambda /= 2;
      this.sinceImprovement = 0;
    }
    this.iterations++;
    if (this.iterations * 2 > this.totalIterations) {
      for (let g = 0; g < groupCount; g++) if (chosen[g] >= 0) this.xbar[chosen[g]] += 1;
    }
    let norm = 0;
    for (let r = 0; r < mu.length; r++) {
      const gr = cap[r] - usage[r];
      if (mu[r] > 0 || gr < 0) norm += gr * gr;
    }
    if (norm === 0) return;
    const stepSize = (this.lambda * Math.max(bound - this.input.lowerBound, 1e-6 * Math.abs(bound))) / norm;
    for (let r = 0; r < mu.length; r++) {
      const next = mu[r] - stepSize * (cap[r] - usage[r]);
      mu[r] = next > 0 ? next : 0;
    }
  }

  /** Solves the relaxed problem at prices `prices`: sets `chosen`, returns the bound. */
  private solveAt(prices: Float64Array): number {
    const { S, cHost, cGuest, cThird, cValue, slotStart, slotList, groupCount } = this.input;
    const { cap, chosen, hostCoef, groupStart, groupCands } = this;
    let bound = 0;
    for (let r = 0; r < prices.length; r++) bound += cap[r] * prices[r];
    for (let g = 0; g < groupCount; g++) {
      let best = -1;
      let bestRv = 0;
      for (let i = groupStart[g]; i < groupStart[g + 1]; i++) {
        const c = groupCands[i];
        const h = cHost[c] * S;
        const gs = cGuest[c] * S;
        const t = cThird[c];
        const v = cValue[c];
        for (let k = slotStart[c]; k < slotStart[c + 1]; k++) {
          const s = slotList[k];
          let rv = v - prices[h + s] * hostCoef[k] - prices[gs + s];
          if (t >= 0) rv -= prices[t * S + s];
          if (rv > bestRv) {
            bestRv = rv;
            best = k;
          }
        }
      }
      chosen[g] = best;
      if (best >= 0) bound += bestRv;
    }
    return bound;
  }

  /** The candidate of column k among group g's. */
  private candidateOf(g: number, k: number): number {
    const { slotStart } = this.input;
    for (let i = this.groupStart[g]; i < this.groupStart[g + 1]; i++) {
      const c = this.groupCands[i];
      if (k >= slotStart[c] && k < slotStart[c + 1]) return c;
    }
    return -1;
  }
}
