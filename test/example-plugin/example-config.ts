import { defineSettings, setting, type SettingsOf } from 'podsecrets/core';

/**
 * The Example backend's section, `webhook.exampleSecretManager`: declared once, schema and type. The
 * owner is the injector's type: that is how `podsecrets plugins` files the keys under it.
 */
export const ExampleSettings = Symbol.for('podsecrets.example.ExampleSettings');

export const exampleSettings = defineSettings(ExampleSettings, {
  path: 'webhook.exampleSecretManager',
  owner: 'Example',
  schema: {
    image: setting.string('Image of the init container that downloads the secrets (needs sh and wget).', 'busybox:1.36'),
    baseUrl: setting.string('Where the init container downloads <group>/<key> from.', 'http://secrets.example.internal'),
  },
});

export interface ExampleSettings extends SettingsOf<typeof exampleSettings> {}
