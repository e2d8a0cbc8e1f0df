import type { IncomingMessage } from 'node:http';

interface Waiting {
  readonly weight: number;
  readonly resolve: () => void;
  /** How many admissions that came after it have gone before it. */
  overtaken: number;
}

/** How many later admissions may go before a waiting one; then it goes next. */
export const MAX_OVERTAKEN = 8;

const NOW: Promise<void> = Promise.resolve();

/**
 * Lets at most one admission run per turn of the event loop, smaller ones first.
 *
 * An admission is synchronous work on the event loop (the largest pods the limits accept take tens of
 * milliseconds each). Node runs, in one turn of its loop, every callback whose I/O is ready: without
 * this, the admissions of all connections whose bodies had arrived ran back to back in one turn, and a
 * health probe or a small admission on a new connection, which needs a few turns (accept, TLS
 * handshake, request), waited that long in each of them. Here an admission waits for its turn: the
 * first of a turn runs at once (no extra hop when nothing is waiting), the others one per later turn
 * (setImmediate, so that the loop polls for new connections and handshakes in between).
 *
 * Which one goes next: the one with the smallest body, so that an ordinary admission overtakes the
 * large pods that arrived before it; but one that has been overtaken {@link MAX_OVERTAKEN} times goes
 * first, so that a large pod is not overtaken for ever. (Start-time fair queuing on the body size was
 * tried first: it let a small admission that arrived just after a large one was let through wait for
 * every large one queued before, up to one per connection.)
 */
export class AdmissionScheduler {
  readonly #waiting: Waiting[] = [];
  // True from an admission's start until the loop has moved on to the next turn.
  #turnTaken = false;

  /** How many admissions wait for a turn. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /**
   * Resolves when an admission of `weight` (its body's size in bytes) may run its synchronous work:
   * at once when nothing is waiting and no admission has run in this turn of the event loop, else in a
   * later turn. Never rejects.
   */
  turn(weight: number): Promise<void> {
    if (!this.#turnTaken) {
      this.#turnTaken = true;
      // An immediate set now runs in this turn's check phase, after the I/O callbacks of the turn.
      setImmediate(this.#endInlineTurn);
      return NOW;
    }
    return new Promise((resolve) => this.#waiting.push({ weight, resolve, overtaken: 0 }));
  }

  // The admission that ran at once had this turn: the next one waits for the next turn's check phase.
  readonly #endInlineTurn = (): void => {
    if (this.#waiting.length === 0) this.#turnTaken = false;
    else setImmediate(this.#next);
  };

  readonly #next = (): void => {
    const index = this.#nextIndex();
    if (index < 0) {
      this.#turnTaken = false;
      return;
    }
    const [first] = this.#waiting.splice(index, 1) as [Waiting];
    for (let earlier = 0; earlier < index; earlier++) this.#waiting[earlier]!.overtaken += 1;
    // Set in the check phase, this immediate runs in the next turn's.
    setImmediate(this.#next);
    first.resolve();
  };

  // The first that has been overtaken too often, else the earliest-queued of the smallest. Few
  // admissions wait at once (one per connection at most).
  #nextIndex(): number {
    let best = -1;
    for (let index = 0; index < this.#waiting.length; index++) {
      const waiting = this.#waiting[index]!;
      if (waiting.overtaken >= MAX_OVERTAKEN) return index;
      if (best < 0 || waiting.weight < this.#waiting[best]!.weight) best = index;
    }
    return best;
  }
}

/** An admission's weight: its body's declared size, or `maxBytes` for a chunked body, whose size is not declared. */
export function admissionWeight(request: IncomingMessage, maxBytes: number): number {
  const declared = Number(request.headers['content-length']);
  return Number.isFinite(declared) && declared > 0 ? declared : maxBytes;
}
