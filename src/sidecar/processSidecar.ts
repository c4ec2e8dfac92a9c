/**
 * `processSidecar()`: any long-lived command as a sidecar (Redis, MinIO, a dev server), with a
 * free port filled into `{port}`, a readiness check, and the same no-leftovers lifecycle as
 * postgres (detached, pdeathsig/guardian, its whole process group stopped). The running
 * side lives in startedProcess.ts, loaded only when the sidecar starts: config files and
 * every test file's `import 'trial-ts'` load this declaration only.
 *
 * @packageDocumentation
 */
import type { ReadyCheck, SidecarDefinition } from './interfaces';
import { messages } from './messages';
import { SidecarConfigError } from './sidecarErrors';

/** What the service's placeholders are filled with. */
export interface ProcessSidecarInfo {
  /** The free TCP port chosen for `{port}`. */
  port: number;
  /** `127.0.0.1`. */
  host: string;
  /** A fresh directory for the service's files, removed at the end (`{dir}`). */
  dir: string;
}

/** What `processSidecar()` accepts. */
export interface ProcessSidecarOptions {
  /** The program (looked up on PATH). */
  command: string;
  /** Its arguments; `{port}` and `{dir}` are replaced. */
  args?: string[];
  /** Extra environment variables (`{port}`, `{dir}` replaced). */
  env?: Record<string, string>;
  /** Working directory (relative to the run's cwd). */
  cwd?: string;
  /** When it is ready: a log line (RegExp or `{log}`), `{tcp: port | '{port}'}`, or `{http: url}` answering 2xx. Default `{tcp: '{port}'}`. */
  ready?: ReadyCheck;
  /** Give up after this many ms (default 30 000). */
  startTimeout?: number;
  /** What `sidecar(name)` returns: an object (strings get `{port}`/`{dir}` replaced) or a function of the info. `env` is optional. */
  connection?: Record<string, unknown> | ((info: ProcessSidecarInfo) => Record<string, unknown>);
  /** The signal that stops it (default SIGTERM; SIGKILL follows after 5 s). */
  stopSignal?: NodeJS.Signals;
}

const KNOWN = ['command', 'args', 'env', 'cwd', 'ready', 'startTimeout', 'connection', 'stopSignal'];

function validate(options: ProcessSidecarOptions): void {
  const bad = (option: string, expected: string, got: unknown): never => {
    throw new SidecarConfigError(messages.badOption('processSidecar', option, expected, got));
  };
  if (typeof options !== 'object' || options === null) bad('options', 'an object', options);
  for (const key of Object.keys(options)) if (!KNOWN.includes(key)) throw new SidecarConfigError(messages.unknownOption('processSidecar', key, KNOWN));
  if (typeof options.command !== 'string' || !options.command) bad('command', 'a program name', options.command);
  if (options.args !== undefined && !(Array.isArray(options.args) && options.args.every((a) => typeof a === 'string'))) bad('args', 'an array of strings', options.args);
  const r = options.ready;
  const readyOk = r === undefined || r instanceof RegExp || (typeof r === 'object' && r !== null && ('log' in r || 'tcp' in r || 'http' in r));
  if (!readyOk) bad('ready', 'a RegExp, {log: RegExp}, {tcp: port} or {http: url}', r);
  if (options.startTimeout !== undefined && !(options.startTimeout > 0)) bad('startTimeout', 'a positive number of ms', options.startTimeout);
}

/**
 * Declare a sidecar that runs any command.
 *
 * @param options - see {@link ProcessSidecarOptions}.
 * @returns the definition to put under `sidecars` in the config.
 * @throws SidecarConfigError for an unknown or malformed option.
 * @example
 * ```ts
 * cache: processSidecar({
 *   command: 'redis-server', args: ['--port', '{port}', '--save', ''],
 *   ready: /Ready to accept connections/,
 *   connection: { url: 'redis://127.0.0.1:{port}', env: { REDIS_URL: 'redis://127.0.0.1:{port}' } },
 * })
 * ```
 */
export function processSidecar(options: ProcessSidecarOptions): SidecarDefinition {
  validate(options);
  return {
    kind: 'process',
    start: (context) => {
      const { startProcessSidecar } = require('./startedProcess') as typeof import('./startedProcess');
      return startProcessSidecar(options, context);
    },
  };
}
