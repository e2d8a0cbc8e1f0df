import { type Container, type ContainerResources, containerResourcesSpec, type DeepReadonly, kubeletLiteral } from '../../core/index.js';

/** The volume Embedded FILE secrets live in, as Flyte names it. */
export const EMBEDDED_SECRET_VOLUME = 'embedded-secret-vol';

// The script only ever sees values and paths as positional parameters ("$1", "$2"), so no key or value
// is parsed by the shell, whatever it holds ('=', '/', spaces, quotes, newlines). It contains no "$("
// because the kubelet expands $(NAME) in command and args; the paths it is given escape "$" as "$$".
const WRITE_FILES_SCRIPT = ['set -eu', 'while [ "$#" -ge 2 ]; do', '  case "$2" in */*) mkdir -p "${2%/*}" ;; esac', '  printf \'%s\' "$1" | base64 -d > "$2"', '  shift 2', 'done'].join('\n');

/** The script's own name ($0), first argument after it in the command. */
const SCRIPT_NAME = 'podsecrets-write-files';

export interface FileWriterSettings {
  readonly name: string;
  readonly image: string;
  readonly resources: ContainerResources;
}

/** Whether `container` is podsecrets' file writer (its fixed command), and not a pod's own of that name. */
export function isFileWriter(container: DeepReadonly<Container>): boolean {
  const command = container['command'];
  return Array.isArray(command) && command.length === 4 && command[0] === 'sh' && command[1] === '-c' && command[2] === WRITE_FILES_SCRIPT && command[3] === SCRIPT_NAME;
}

/** A new init container that writes one file (plainText mode). */
export function fileWriterInitContainer(settings: FileWriterSettings, path: string, value: Uint8Array, mountPath: string): Container {
  return {
    name: settings.name,
    image: settings.image,
    command: ['sh', '-c', WRITE_FILES_SCRIPT, SCRIPT_NAME],
    args: [Buffer.from(value).toString('base64'), kubeletLiteral(path)],
    resources: containerResourcesSpec(settings.resources),
    volumeMounts: [{ name: EMBEDDED_SECRET_VOLUME, readOnly: false, mountPath }],
  };
}

/**
 * Sets the file at `path` in an existing writer's arguments (pairs of base64 value and path): the value
 * is replaced if the path is there, the pair appended otherwise, so a second pass changes nothing.
 */
export function setWriterFile(container: Container, path: string, value: Uint8Array): void {
  const args = Array.isArray(container['args']) ? [...(container['args'] as string[])] : [];
  const literal = kubeletLiteral(path);
  const encoded = Buffer.from(value).toString('base64');
  let index = -1;
  for (let i = 1; i < args.length; i += 2) {
    if (args[i] === literal) index = i;
  }
  if (index === -1) args.push(encoded, literal);
  else args[index - 1] = encoded;
  container['args'] = args;
}

/** Whether the writer already holds `path` with `value`: then nothing needs to change. */
export function writerHasFile(container: DeepReadonly<Container>, path: string, value: Uint8Array): boolean {
  const args = Array.isArray(container['args']) ? (container['args'] as readonly string[]) : [];
  const literal = kubeletLiteral(path);
  const encoded = Buffer.from(value).toString('base64');
  for (let i = 1; i < args.length; i += 2) {
    if (args[i] === literal && args[i - 1] === encoded) return true;
  }
  return false;
}

/** The paths the writer already writes (its arguments hold them "$"-escaped). */
export function writerPaths(container: DeepReadonly<Container>): string[] {
  const args = Array.isArray(container['args']) ? (container['args'] as readonly string[]) : [];
  return args.filter((_, index) => index % 2 === 1).map((path) => path.replaceAll('$$', '$'));
}
