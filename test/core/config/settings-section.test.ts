import { expect } from 'chai';
import { resolve } from 'node:path';
import { Container, ContainerModule } from 'inversify';
import { loadConfig } from '../../../config/config-loader.js';
import { ConfigError } from '../../../config/config-error.js';
import { bindSettings, defineSettings, setting, type SettingsOf } from '../../../core/index.js';
import { ConfigSchemaContribution } from '../../../core/config/config-schema-contribution.js';
import { PodsecretsConfig } from '../../../core/config/podsecrets-config.js';
import { readSettings } from '../../../core/config/settings-section.js';

const ExampleSettings = Symbol.for('test.ExampleSettings');

const exampleSettings = defineSettings(ExampleSettings, {
  path: 'webhook.example',
  owner: 'Example',
  schema: {
    name: setting.string('A name.', 'n'),
    wait: setting.duration('A wait.', '1m30s'),
    every: setting.interval('A period.', '5s'),
    port: setting.port('A port.', 8080),
    file: setting.file('A file.', ''),
    mode: setting.oneOf('A mode.', ['a', 'b'], 'a'),
    labels: setting.mapping<Readonly<Record<string, string>>>('Labels.', { 'x.io/y': 'z' }),
    nested: { flag: setting.boolean('A flag.', false) },
  },
});

interface ExampleSettings extends SettingsOf<typeof exampleSettings> {}

// Compile-time: the interface is what the schema says, nothing else.
const typed: ExampleSettings = { name: '', wait: 0, every: 0, port: 0, file: '', mode: 'b', labels: {}, nested: { flag: true } };

describe(defineSettings.name, () => {
  describe('when a section is declared', () => {
    it('should give the loader its schema rooted at the top of the file, under its owner', () => {
      expect(exampleSettings.contribution.owner).to.equal('Example');
      expect(Object.keys((exampleSettings.contribution.schema['webhook'] as Record<string, Record<string, unknown>>)['example'] ?? {})).to.deep.equal(Object.keys(typed));
    });
  });
});

describe(readSettings.name, () => {
  describe('when the file leaves the section out', () => {
    it('should give the defaults, converted', () => {
      const settings = readSettings(loadConfig({ contributions: [exampleSettings.contribution] }), exampleSettings);
      expect(settings).to.deep.equal({ name: 'n', wait: 90_000, every: 5000, port: 8080, file: '', mode: 'a', labels: { 'x.io/y': 'z' }, nested: { flag: false } });
    });
  });

  describe('when the file gives values', () => {
    it('should hold durations in milliseconds and files resolved', () => {
      const config = loadConfig({ contributions: [exampleSettings.contribution], overrides: { webhook: { example: { wait: '250ms', file: 'certs/ca.pem', labels: { a: 'b' } } } } });
      const settings = readSettings(config, exampleSettings);
      expect(settings.wait).to.equal(250);
      expect(settings.file).to.equal(resolve('certs/ca.pem'));
      expect(settings.labels).to.deep.equal({ 'x.io/y': 'z', a: 'b' });
    });

    it('should refuse a bad value at load, naming the key', () => {
      expect(() => loadConfig({ contributions: [exampleSettings.contribution], overrides: { webhook: { example: { every: '0s', mode: 'c' } } } }))
        .to.throw(ConfigError)
        .with.property('message')
        .that.includes('webhook.example.every: must be a Go duration of at least 1s')
        .and.includes('webhook.example.mode: must be one of the possible values: ["a","b"]');
    });
  });
});

describe(bindSettings.name, () => {
  describe('when a module binds a section', () => {
    it('should contribute its schema and bind its token to the settings object, made once', () => {
      const container = new Container();
      container.load(new ContainerModule(({ bind }) => bindSettings(bind, exampleSettings)));
      expect(container.getAll(ConfigSchemaContribution)).to.deep.equal([exampleSettings.contribution]);
      container.bind(PodsecretsConfig).toConstantValue(loadConfig({ contributions: [exampleSettings.contribution], overrides: { webhook: { example: { port: 9000 } } } }));
      const settings = container.get<ExampleSettings>(ExampleSettings);
      expect(settings.port).to.equal(9000);
      expect(container.get(ExampleSettings)).to.equal(settings);
      expect(Object.isFrozen(settings)).to.equal(true);
    });
  });
});
