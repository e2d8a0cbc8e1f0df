import { expect } from 'chai';

/**
 * The message of the error `fn` throws, after checking it is an `ErrorClass`: a refusal's text is what
 * these tests pin. Fails the test when `fn` returns, or throws anything else.
 */
export function thrownMessage(fn: () => unknown, ErrorClass: abstract new (...args: never[]) => Error): string {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(ErrorClass);
    return (error as Error).message;
  }
  return expect.fail(`nothing was thrown (expected a ${ErrorClass.name})`);
}
