import { expect } from 'chai';
import { parseQuantity } from '../../../core/index.js';

describe('parseQuantity', () => {
  describe('when given quantities the API server accepts', () => {
    const cases: [string, number][] = [
      ['200m', 0.2],
      ['1', 1],
      ['1.5', 1.5],
      ['.5', 0.5],
      ['500Mi', 500 * 2 ** 20],
      ['1Gi', 2 ** 30],
      ['2k', 2000],
      ['1e3', 1000],
      ['1E-3', 0.001],
      ['+3', 3],
      ['0', 0],
    ];
    for (const [text, value] of cases) {
      it(`should read ${text} as ${value}`, () => {
        expect(parseQuantity(text)).to.equal(value);
      });
    }
  });

  describe('when given text that is not a quantity', () => {
    for (const text of ['', '-1', '1.5Gb', '1 Gi', 'cpu', '1Ki1', 'Mi', '1e', '0x10']) {
      it(`should refuse ${JSON.stringify(text)}`, () => {
        expect(parseQuantity(text)).to.equal(undefined);
      });
    }
  });
});
