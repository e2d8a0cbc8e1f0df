/** The time source of the Embedded value cache: milliseconds, `Date.now` by default; tests bind their own. */
export const EmbeddedClock = Symbol.for('podsecrets.embedded.EmbeddedClock');

export type EmbeddedClock = () => number;
