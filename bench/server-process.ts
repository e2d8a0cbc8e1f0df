import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromServer, ToServer } from './servers/server-messages.js';

/** A benchmark server running in a child process of its own, so that it has an event loop of its own. */
export interface ServerProcess {
  readonly name: string;
  readonly port: number;
  readonly pid: number;
  /** RSS and heap of the server process, in bytes, after a full collection. */
  memory(): Promise<{ rss: number; heapUsed: number }>;
  /** The server process's CPU time so far (user and system, all its threads), in microseconds. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

/** The servers the benchmark knows, by the file that runs them. */
export const SERVER_ENTRIES = {
  baseline: new URL('./servers/baseline-server.js', import.meta.url),
  express: new URL('./servers/express-server.js', import.meta.url),
  admission: new URL('./servers/admission-server.js', import.meta.url),
  podsecrets: new URL('./servers/podsecrets-server.js', import.meta.url),
} as const;

function nextMessage<T extends FromServer['type']>(child: ChildProcess, type: T): Promise<Extract<FromServer, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromServer): void => {
      if (message.type !== type) return;
      cleanup();
      resolve(message as Extract<FromServer, { type: T }>);
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`the server process exited (code ${code}) before it sent "${type}"`));
    };
    const cleanup = (): void => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/**
 * Starts a benchmark server; resolves once it listens. Its stdout and stderr (podsecrets' log lines)
 * go to /dev/null, as a container runtime takes them off the process's hands.
 */
export async function startServerProcess(name: keyof typeof SERVER_ENTRIES): Promise<ServerProcess> {
  const child = fork(fileURLToPath(SERVER_ENTRIES[name]), [], {
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    execArgv: ['--expose-gc'],
  });
  const { port } = await nextMessage(child, 'ready');
  const send = (message: ToServer): void => {
    child.send(message);
  };
  return {
    name,
    port,
    pid: child.pid!,
    async memory() {
      const reply = nextMessage(child, 'memory');
      send({ type: 'memory', gc: true });
      const { rss, heapUsed } = await reply;
      return { rss, heapUsed };
    },
    async cpuMicros() {
      const reply = nextMessage(child, 'cpu');
      send({ type: 'cpu' });
      return (await reply).micros;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      send({ type: 'stop' });
      await exited;
    },
  };
}
