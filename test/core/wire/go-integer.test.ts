import { expect } from 'chai';
import { parseGoInt32 } from '../../../core/wire/go-integer.js';

describe('parseGoInt32', () => {
  describe('when given a Go integer literal', () => {
    const cases: ReadonlyArray<readonly [string, number]> = [
      ['0', 0],
      ['7', 7],
      ['-0', 0],
      ['+2', 2],
      ['-12', -12],
      ['010', 8],
      ['0o17', 15],
      ['0O17', 15],
      ['0x1F', 31],
      ['0Xff', 255],
      ['0b101', 5],
      ['0B11', 3],
      ['1_000', 1000],
      ['0x_1f', 31],
      ['0_7', 7],
      ['2147483647', 2147483647],
      ['-2147483648', -2147483648],
    ];
    for (const [text, value] of cases) {
      it(`should read ${JSON.stringify(text)} as ${value}`, () => {
        expect(parseGoInt32(text)).to.equal(value);
      });
    }
  });

  describe('when given something strconv.ParseInt(s, 0, 32) refuses', () => {
    const refused = [
      '',
      '+',
      '-',
      '0x',
      '0b',
      '08',
      '09',
      '0b2',
      '0o8',
      '1.0',
      '1e3',
      'FILE',
      '_1',
      '1_',
      '1__0',
      '0_',
      '+-1',
      '2147483648',
      '-2147483649',
      '99999999999999999999',
      '0x100000000',
      ' 1',
    ];
    for (const text of refused) {
      it(`should refuse ${JSON.stringify(text)}`, () => {
        expect(parseGoInt32(text)).to.equal(undefined);
      });
    }
  });
});
