// What a benchmark server process and the benchmark say to each other over the IPC channel.

export type ToServer = { readonly type: 'memory'; readonly gc: boolean } | { readonly type: 'cpu' } | { readonly type: 'stop' };

export type FromServer =
  | { readonly type: 'ready'; readonly port: number }
  | { readonly type: 'memory'; readonly rss: number; readonly heapUsed: number }
  /** The process's CPU time so far, user and system, in microseconds. */
  | { readonly type: 'cpu'; readonly micros: number };

/** Answers the benchmark's questions until it asks the process to stop; `stop` closes the server. */
export function serveBenchmark(port: number, stop: () => Promise<void>): void {
  const send = (message: FromServer): void => {
    process.send?.(message);
  };
  process.on('message', (message: ToServer) => {
    if (message.type === 'memory') {
      // A collection first, when the process allows it, so that RSS shows what is kept, not what awaits collection.
      if (message.gc) (globalThis as { gc?: () => void }).gc?.();
      const usage = process.memoryUsage();
      send({ type: 'memory', rss: usage.rss, heapUsed: usage.heapUsed });
    } else if (message.type === 'cpu') {
      const usage = process.cpuUsage();
      send({ type: 'cpu', micros: usage.user + usage.system });
    } else if (message.type === 'stop') {
      void stop().then(() => process.exit(0));
    }
  });
  // The benchmark dying must not leave servers behind.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port });
}
