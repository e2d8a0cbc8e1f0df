import { expect } from 'chai';
import { SecretFetchError } from '../../core/index.js';

/** The SecretFetchError `promise` rejects with; fails if it resolves or rejects with anything else. */
export async function fetchRejection(promise: Promise<unknown>): Promise<SecretFetchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(SecretFetchError);
    return error as SecretFetchError;
  }
  throw new Error('expected a rejection');
}
