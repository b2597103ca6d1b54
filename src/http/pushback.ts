/**
 * http/pushback: how fast the run goes once the target pushes back (429, 503). Additive
 * increase, multiplicative decrease, as TCP does with its window, on two brakes at once:
 *
 * - the requests in flight: halved at a pushback (never below one), grown by 1/window per
 *   answer, so by about one per round trip, back up to `--concurrency`;
 * - the start rate: at a pushback, half the rate the run was starting requests at (never
 *   below MIN_RATE), then grown by an eighth of that each answer, and lifted altogether once
 *   it is back above the rate that drew the pushback.
 *
 * One decrease per window, as in TCP: a pushback to a request started before the last
 * decrease says nothing new (the answers to one burst arrive together), so it is counted but
 * does not halve again; and one per second at most, so that a target that pushes back a share
 * of its requests whatever the pace (not a rate limiter, a gateway shedding load) slows the run
 * down without bringing it to a crawl: the requests it refused still wait what it asked.
 */

/** Starts per second the run never goes below, however hard the target pushes back. */
export const MIN_RATE = 0.5;

/** Least time between two decreases. */
const HOLD_MS = 1000;

/** Weight of the newest interval in the running average of the intervals between starts. */
const SMOOTHING = 0.2;

export class PushbackControl {
  #window: number;
  readonly #maximum: number;
  /** Starts per second allowed; Infinity while the target has not pushed back (or has stopped). */
  #rate = Number.POSITIVE_INFINITY;
  #step = 0;
  /** The rate the run was going at when it drew the last pushback: above it again, the brake is lifted. */
  #ceiling = Number.POSITIVE_INFINITY;
  #epoch = 0;
  #lastDecreaseAt = Number.NEGATIVE_INFINITY;
  #averageIntervalMs: number | undefined;
  #lastStartAt: number | undefined;
  #pushbacks = 0;
  #decreases = 0;

  constructor(maximumInFlight: number) {
    this.#window = maximumInFlight;
    this.#maximum = maximumInFlight;
  }

  /** Notes an attempt's start; the returned epoch is handed back with its answer. */
  started(now: number): number {
    if (this.#lastStartAt !== undefined) {
      const interval = Math.max(0.01, now - this.#lastStartAt);
      this.#averageIntervalMs =
        this.#averageIntervalMs === undefined ? interval : this.#averageIntervalMs * (1 - SMOOTHING) + interval * SMOOTHING;
    }
    this.#lastStartAt = now;
    return this.#epoch;
  }

  /** The target answered 429 or 503 to an attempt started in `epoch`. */
  pushedBack(epoch: number, now: number): void {
    this.#pushbacks += 1;
    if (epoch !== this.#epoch || now - this.#lastDecreaseAt < HOLD_MS) return;
    this.#epoch += 1;
    this.#lastDecreaseAt = now;
    this.#decreases += 1;
    this.#window = Math.max(1, this.#window / 2);
    const going = this.#averageIntervalMs === undefined ? this.#rate : 1000 / this.#averageIntervalMs;
    const from = Math.min(this.#rate, going);
    this.#ceiling = Number.isFinite(from) ? from : 1000;
    this.#rate = Math.max(MIN_RATE, this.#ceiling / 2);
    this.#step = this.#rate / 8;
  }

  /** The target answered an attempt with anything but a pushback. */
  answered(): void {
    this.#window = Math.min(this.#maximum, this.#window + 1 / this.#window);
    if (!Number.isFinite(this.#rate)) return;
    this.#rate += this.#step;
    if (this.#rate > this.#ceiling) this.#rate = Number.POSITIVE_INFINITY;
  }

  /** Requests allowed in flight now. */
  get inFlight(): number {
    return Math.floor(this.#window);
  }

  /** The least time between two starts now, in ms (0: no brake). */
  get intervalMs(): number {
    return Number.isFinite(this.#rate) ? 1000 / this.#rate : 0;
  }

  /** Pushbacks received, and how many of them slowed the run down. */
  get counts(): { readonly pushbacks: number; readonly decreases: number } {
    return { pushbacks: this.#pushbacks, decreases: this.#decreases };
  }
}
