import { expect } from 'chai';
import { goLower, goUpper } from '../../../core/naming/go-case.js';

describe('goUpper', () => {
  describe('when the text is ASCII', () => {
    it('should upper-case letters and keep everything else', () => {
      expect(goUpper('_union_my-group_key.a1')).to.equal('_UNION_MY-GROUP_KEY.A1');
      expect(goUpper('')).to.equal('');
    });
  });

  describe('when a character has no one-rune upper case', () => {
    it("should keep 'ß' where JavaScript writes 'SS'", () => {
      expect('straße'.toUpperCase()).to.equal('STRASSE');
      expect(goUpper('straße')).to.equal('STRAßE');
    });

    it('should keep ligatures and other characters whose only upper case is several runes', () => {
      expect(goUpper('ﬁle')).to.equal('ﬁLE');
      expect(goUpper('ŉ')).to.equal('ŉ');
      expect(goUpper('ǰ')).to.equal('ǰ');
      expect(goUpper('ΐ')).to.equal('ΐ');
    });
  });

  describe("when a character's full mapping is several runes but its simple mapping is one", () => {
    it('should give the simple mapping, as Go does', () => {
      expect(goUpper('\u1fb3')).to.equal('\u1fbc');
      expect(goUpper('\u1fc3')).to.equal('\u1fcc');
      expect(goUpper('\u1ff3')).to.equal('\u1ffc');
      expect(goUpper('\u1f80\u1f97\u1fa7')).to.equal('\u1f88\u1f9f\u1faf');
    });

    it('should keep a title-case letter that has no upper case of its own', () => {
      expect(goUpper('\u1f88')).to.equal('\u1f88');
      expect(goUpper('\u1fbc')).to.equal('\u1fbc');
    });
  });

  describe('when the text has other non-ASCII letters', () => {
    it('should map each one as Unicode simple case mapping does', () => {
      expect(goUpper('éa')).to.equal('ÉA');
      expect(goUpper('ı')).to.equal('I');
      expect(goUpper('ſ')).to.equal('S');
      expect(goUpper('ǅ')).to.equal('Ǆ');
      expect(goUpper('\u00b5')).to.equal('\u039c');
    });

    it('should map characters outside the BMP', () => {
      expect(goUpper('\u{10428}x')).to.equal('\u{10400}X');
    });
  });
});

describe('goLower', () => {
  describe('when the text is ASCII', () => {
    it('should lower-case letters and keep everything else', () => {
      expect(goLower('My-Group_KEY.1')).to.equal('my-group_key.1');
    });
  });

  describe('when the text has a capital I with dot above', () => {
    it("should give 'i' alone, where JavaScript adds a combining dot", () => {
      expect('İ'.toLowerCase()).to.equal('i\u0307');
      expect(goLower('İSTANBUL')).to.equal('istanbul');
    });
  });

  describe('when the text has other non-ASCII letters', () => {
    it('should map each one', () => {
      expect(goLower('ÉΣ')).to.equal('éσ');
      expect(goLower('\u212a')).to.equal('k');
      expect(goLower('ǅ')).to.equal('ǆ');
      expect(goLower('ß')).to.equal('ß');
      expect(goLower('\u{10400}')).to.equal('\u{10428}');
    });

    it('should lower-case a final sigma as a plain sigma, one rune at a time', () => {
      expect('ΑΣ'.toLowerCase()).to.equal('ας');
      expect(goLower('ΑΣ')).to.equal('ασ');
    });
  });
});
