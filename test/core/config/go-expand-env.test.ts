import { expect } from 'chai';
import { expandGoEnv } from '../../../core/config/go-expand-env.js';

const ENV = { HOME: '/home/flyte', DIR: 'certs', A_1: 'x', '1': 'one' };

// Expected values follow Go's os.Expand (os/env.go), which os.ExpandEnv and Flyte's ExpandCertDir use.
describe('expandGoEnv', () => {
  describe('when the text names variables', () => {
    it('should replace $NAME and ${NAME}, and an unset one with nothing', () => {
      expect(expandGoEnv('$HOME/.flyte/webhook-certs', ENV)).to.equal('/home/flyte/.flyte/webhook-certs');
      expect(expandGoEnv('${HOME}/${DIR}', ENV)).to.equal('/home/flyte/certs');
      expect(expandGoEnv('/etc/$UNSET/x', ENV)).to.equal('/etc//x');
      expect(expandGoEnv('$A_1-$1${1}', ENV)).to.equal('x-oneone');
    });
  });

  describe('when a "$" names nothing or the syntax is bad', () => {
    it('should keep a "$" without a name and drop bad syntax, as Go does', () => {
      expect(expandGoEnv('/etc/webhook/certs', ENV)).to.equal('/etc/webhook/certs');
      expect(expandGoEnv('a$/b$', ENV)).to.equal('a$/b$');
      expect(expandGoEnv('a${}b', ENV)).to.equal('ab');
      expect(expandGoEnv('a${HOME', ENV)).to.equal('aHOME');
    });
  });
});
