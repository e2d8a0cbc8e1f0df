import type { IncomingMessage } from 'node:http';

interface Waiting {
  readonly tag: number;
  readonly resolve: () => void;
}

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
 * Which one goes next is start-time fair queuing on the body size: each waiting admission is tagged
 * with the tag of the last one let through plus its own weight, and the smallest tag goes first. An
 * ordinary admission therefore overtakes large pods that arrived before it, and a large pod cannot be
 * overtaken for ever: every admission let through raises the tags that later ones get.
 */
export class AdmissionScheduler {
  readonly #waiting: Waiting[] = [];
  #virtualTime = 0;
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
    return new Promise((resolve) => this.#waiting.push({ tag: this.#virtualTime + Math.max(1, weight), resolve }));
  }

  // The admission that ran at once had this turn: the next one waits for the next turn's check phase.
  readonly #endInlineTurn = (): void => {
    if (this.#waiting.length === 0) this.#turnTaken = false;
    else setImmediate(this.#next);
  };

  readonly #next = (): void => {
    const index = this.#smallestTag();
    if (index < 0) {
      this.#turnTaken = false;
      return;
    }
    const [first] = this.#waiting.splice(index, 1) as [Waiting];
    this.#virtualTime = first.tag;
    // Set in the check phase, this immediate runs in the next turn's.
    setImmediate(this.#next);
    first.resolve();
  };

  // The earliest-queued of the smallest tags. Few admissions wait at once (one per connection at most).
  #smallestTag(): number {
    let best = -1;
    for (let index = 0; index < this.#waiting.length; index++) {
      if (best < 0 || this.#waiting[index]!.tag < this.#waiting[best]!.tag) best = index;
    }
    return best;
  }
}

/** An admission's weight: its body's declared size, or `maxBytes` for a chunked body, whose size is not declared. */
export function admissionWeight(request: IncomingMessage, maxBytes: number): number {
  const declared = Number(request.headers['content-length']);
  return Number.isFinite(declared) && declared > 0 ? declared : maxBytes;
}
