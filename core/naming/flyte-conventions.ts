/** Where Flyte (and so podsecrets) mounts secret files in a container. */
export const SECRETS_MOUNT_DIR = '/etc/flyte/secrets';

/** Environment variables that tell flytekit and flyte-sdk where to look for secrets. */
export const SECRETS_DEFAULT_DIR_ENV = 'FLYTE_SECRETS_DEFAULT_DIR';
export const SECRETS_FILE_PREFIX_ENV = 'FLYTE_SECRETS_FILE_PREFIX';
export const SECRETS_ENV_PREFIX_ENV = 'FLYTE_SECRETS_ENV_PREFIX';

/** Separator between group and key in generated environment variable names. */
export const ENV_GROUP_KEY_SEPARATOR = '_';
