/** Flyte's admission path ("/mutate-" + group + "-" + version + "-" + kind): the one the registration names and the server serves. */
export const ADMISSION_PATH = '/mutate--v1-pod';
