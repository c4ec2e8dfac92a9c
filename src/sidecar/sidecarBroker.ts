/**
 * The main process's broker: starts each declared sidecar on its first request, hands out
 * per-worker connections, reports state changes as `sidecar:state` events, and stops
 * everything on `close()`.
 *
 * @packageDocumentation
 */
import type { SidecarStateEvent } from '../runner/events';
import type { LogLinesOptions, SidecarBroker, SidecarConnection, SidecarDefinition, StartedSidecar } from './interfaces';
import { messages } from './messages';
import { SidecarConfigError } from './sidecarErrors';

/** What the broker needs from the run. */
export interface SidecarBrokerContext {
  /** The run's temp directory; logs go to `<tempDir>/sidecars/<name>.log`. */
  tempDir: string;
  /** The run's cwd (relative paths in definitions resolve against it). */
  cwd: string;
  /** Number of workers. */
  workers: number;
  /**
   * Receives `starting`, `ready` (with `durationMs`), `crashed` (with `detail`: the reason, a
   * blank line, the log tail) and `stopped`. On `crashed` the runner fails the tests running
   * at that moment that use the sidecar.
   */
  onEvent: (event: SidecarStateEvent) => void;
}

/**
 * Create the broker of a run. Nothing starts until the first `acquire`.
 *
 * @param definitions - the config's `sidecars`.
 * @param context - see {@link SidecarBrokerContext}.
 * @returns the broker; the run's closer must call its `close()` on every exit path.
 * @example
 * ```ts
 * const broker = createSidecarBroker(config.sidecars, { tempDir, cwd, workers: 2, onEvent: emit });
 * closer.add(() => broker.close());
 * const connection = await broker.acquire('db', 0); // starts postgres, creates trial_w0
 * ```
 */
export function createSidecarBroker(definitions: Record<string, SidecarDefinition>, context: SidecarBrokerContext): SidecarBroker {
  const started = new Map<string, Promise<StartedSidecar>>();
  const running = new Map<string, StartedSidecar>();
  let closed = false;
  let closing: Promise<void> | null = null;

  const start = (name: string): Promise<StartedSidecar> => {
    const definition = Object.hasOwn(definitions, name) ? definitions[name] : undefined;
    if (!definition) return Promise.reject(new SidecarConfigError(messages.unknownSidecar(name, Object.keys(definitions))));
    let pending = started.get(name);
    if (!pending) {
      if (closed) return Promise.reject(new Error(`Sidecar "${name}" was requested after the run started closing.`));
      const t0 = performance.now();
      context.onEvent({ type: 'sidecar:state', name, state: 'starting' });
      pending = definition.start({
        name,
        tempDir: context.tempDir,
        cwd: context.cwd,
        workers: context.workers,
        onCrash: (reason, logTail) => context.onEvent({ type: 'sidecar:state', name, state: 'crashed', detail: `${reason}\n\n${logTail}` }),
      });
      started.set(name, pending);
      pending.then(
        (sidecar) => {
          running.set(name, sidecar);
          context.onEvent({ type: 'sidecar:state', name, state: 'ready', durationMs: performance.now() - t0 });
        },
        (error: Error) => context.onEvent({ type: 'sidecar:state', name, state: 'failed', detail: error.message }),
      );
    }
    return pending;
  };

  return {
    async acquire(name: string, workerIndex: number): Promise<SidecarConnection> {
      const sidecar = await start(name);
      return sidecar.connectionFor(workerIndex);
    },
    async acquireForTest(name: string, workerIndex: number): Promise<SidecarConnection> {
      const sidecar = await start(name);
      return sidecar.connectionForTest ? sidecar.connectionForTest(workerIndex) : sidecar.connectionFor(workerIndex);
    },
    renewWorkerConnections(): void {
      for (const sidecar of running.values()) sidecar.renewWorkerConnections?.();
    },
    async releaseForTest(name: string, connection: SidecarConnection): Promise<void> {
      const pending = started.get(name);
      const sidecar = pending && (await pending.catch(() => null));
      await sidecar?.releaseTestConnection?.(connection);
    },
    logLinesFor(database: string, since: number, options?: LogLinesOptions): string[] {
      return [...running.values()].flatMap((s) => s.logLinesFor?.(database, since, options) ?? []);
    },
    started(): string[] {
      return [...started.keys()];
    },
    close(): Promise<void> {
      closed = true;
      closing ??= (async () => {
        await Promise.all(
          [...started].map(async ([name, pending]) => {
            const sidecar = await pending.catch(() => null);
            if (!sidecar) return;
            const t0 = performance.now();
            await sidecar.close();
            context.onEvent({ type: 'sidecar:state', name, state: 'stopped', durationMs: performance.now() - t0 });
          }),
        );
      })();
      return closing;
    },
  };
}
