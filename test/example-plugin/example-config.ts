import type { ConfigSchemaContribution } from 'podsecrets/core';

/** The Example backend's section, `webhook.exampleSecretManager`. */
export interface ExampleConfig {
  readonly image: string;
  readonly baseUrl: string;
}

/** Its keys. The owner is the injector's type: that is how `podsecrets plugins` files them under it. */
export const exampleConfigSchema: ConfigSchemaContribution = {
  owner: 'Example',
  schema: {
    webhook: {
      exampleSecretManager: {
        image: {
          doc: 'Image of the init container that downloads the secrets (needs sh and wget).',
          format: String,
          default: 'busybox:1.36',
        },
        baseUrl: {
          doc: 'Where the init container downloads <group>/<key> from.',
          format: String,
          default: 'http://secrets.example.internal',
        },
      },
    },
  },
};
