/**
 * A long-lived service process owned by the runner: spawned detached (the terminal's Ctrl-C
 * reaches the runner, which controls the order of teardown), with its output line-split
 * into the sidecar's log, and three layers that stop it if the runner dies:
 * 1. `setpriv --pdeathsig` on Linux: the kernel signals it when the runner exits, however;
 * 2. a guardian (`sh`, holding a pipe from the runner): on EOF it signals the service,
 *    waits for it, and removes the run directory;
 * 3. a `process.on('exit')` hook that signals it synchronously.
 *
 * @packageDocumentation
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import type { SidecarLog } from './sidecarLog';
import type { ServerIdentity } from './serverIdentity';

/** How to start a {@link ManagedProcess}. @internal */
export interface ManagedProcessOptions {
  command: string;
  args: string[];
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Run as this uid/gid (the runner is root). */
  identity?: ServerIdentity | null;
  log: SidecarLog;
  /** Removed by the guardian after the service is gone, if the runner died. */
  runDir?: string;
  /** Sent by the kernel/guardian when the runner dies (postgres: SIGQUIT, an immediate stop). */
  deathSignal: NodeJS.Signals;
  /** `stop()` sends these in turn, waiting each one's ms for the exit (postgres: SIGINT, then SIGQUIT). */
  stopSignals: Array<[NodeJS.Signals, number]>;
  /** Signal the whole process group (a shell command's children too), not just the process. */
  group: boolean;
}

/** How the process ended. @internal */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const SETPRIV_CANDIDATES = ['/usr/bin/setpriv', '/bin/setpriv'];
let setprivPath: string | null | undefined;

function findSetpriv(): string | null {
  if (setprivPath === undefined) {
    setprivPath = process.platform === 'linux' ? (SETPRIV_CANDIDATES.find((p) => fs.existsSync(p)) ?? null) : null;
  }
  return setprivPath;
}

/**
 * The guardian: blocks reading its stdin (a pipe only the runner holds); EOF means the runner
 * is gone. It then signals the service, waits up to 5 s for it, and removes the run dir.
 * It writes nothing anywhere: the runner's stdio may be dead.
 */
const GUARDIAN = [
  'while read -r _; do :; done',
  'if [ -n "$3" ]; then kill -s "$2" -- "-$1" 2>/dev/null; else kill -s "$2" "$1" 2>/dev/null; fi',
  // A zombie (state Z: dead, waiting for a slow init to reap it) counts as gone.
  'i=0; while kill -0 "$1" 2>/dev/null && ! grep -q "^[0-9]* ([^)]*) Z" "/proc/$1/stat" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done',
  'if [ -n "$3" ]; then kill -s KILL -- "-$1" 2>/dev/null; fi',
  'if [ -n "$4" ]; then rm -rf "$4"; fi',
].join('\n');

/** @internal */
export class ManagedProcess {
  readonly #child: ChildProcess;
  readonly #guardian: ChildProcess | null;
  readonly #options: ManagedProcessOptions;
  #exit: ProcessExit | null = null;
  readonly #exited: Promise<ProcessExit>;
  readonly #exitHook = (): void => this.killSync();
  #stopping: Promise<void> | null = null;

  /** Spawn now. Spawn failures (ENOENT, EACCES) surface as an exit with code 127 and a log line. */
  constructor(options: ManagedProcessOptions) {
    this.#options = options;
    const setpriv = findSetpriv();
    const id = options.identity;
    let command = options.command;
    let args = options.args;
    const spawnOptions: Parameters<typeof spawn>[2] = {
      cwd: options.cwd,
      env: options.env as NodeJS.ProcessEnv,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    };
    if (setpriv) {
      const ids = id ? ['--reuid', String(id.uid), '--regid', String(id.gid), '--clear-groups'] : [];
      args = [...ids, '--pdeathsig', options.deathSignal.replace(/^SIG/, ''), '--', command, ...args];
      command = setpriv;
    } else if (id) {
      spawnOptions.uid = id.uid;
      spawnOptions.gid = id.gid;
    }
    this.#child = spawn(command, args, spawnOptions);
    this.#exited = new Promise((resolve) => {
      const done = (exit: ProcessExit): void => {
        if (this.#exit) return;
        this.#exit = exit;
        process.removeListener('exit', this.#exitHook);
        void this.#endGuardian();
        resolve(exit);
      };
      this.#child.once('error', (error) => {
        options.log.add(`[trial-ts] could not run ${options.command}: ${error.message}`);
        done({ code: 127, signal: null });
      });
      this.#child.once('exit', (code, signal) => done({ code, signal }));
    });
    for (const stream of [this.#child.stdout, this.#child.stderr]) {
      if (!stream) continue;
      const splitter = options.log.splitter();
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => splitter.push(chunk));
      stream.on('end', () => splitter.end());
      stream.on('error', () => undefined);
    }
    this.#guardian = this.#child.pid ? this.#startGuardian(this.#child.pid) : null;
    process.on('exit', this.#exitHook);
  }

  #startGuardian(pid: number): ChildProcess | null {
    try {
      const o = this.#options;
      const guardian = spawn(
        '/bin/sh',
        ['-c', GUARDIAN, 'trial-ts-guardian', String(pid), o.deathSignal.replace(/^SIG/, ''), o.group ? '1' : '', o.runDir ?? ''],
        { detached: true, stdio: ['pipe', 'ignore', 'ignore'] },
      );
      guardian.on('error', () => undefined);
      guardian.stdin?.on('error', () => undefined);
      guardian.unref();
      (guardian.stdin as unknown as { unref?: () => void } | null)?.unref?.();
      return guardian;
    } catch {
      return null;
    }
  }

  /** End the guardian (its job is done) and wait for it, so nothing of ours outlives `stop()`. */
  #endGuardian(): Promise<void> {
    const g = this.#guardian;
    if (!g || g.exitCode !== null || g.signalCode !== null) return Promise.resolve();
    // Referenced again while we wait: an unref'd child's exit alone would let Node exit mid-teardown.
    g.ref();
    const gone = new Promise<void>((resolve) => g.once('exit', () => resolve()));
    g.stdin?.destroy();
    try {
      g.kill('SIGTERM');
    } catch {
      // already gone
    }
    return gone;
  }

  /** The service's pid (setpriv execs, so it is the service itself). */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Resolves when the process has exited. */
  get exited(): Promise<ProcessExit> {
    return this.#exited;
  }

  /** How it exited, or null while it runs. */
  get exit(): ProcessExit | null {
    return this.#exit;
  }

  /** Whether `stop()` was called. */
  get stopping(): boolean {
    return this.#stopping !== null;
  }

  /** Let the runner exit while this runs (once it is ready; the closer still stops it). */
  unref(): void {
    this.#child.unref();
    for (const s of [this.#child.stdout, this.#child.stderr]) (s as unknown as { unref?: () => void } | null)?.unref?.();
  }

  #signal(signal: NodeJS.Signals): void {
    const pid = this.#child.pid;
    if (!pid || this.#exit) return;
    try {
      process.kill(this.#options.group ? -pid : pid, signal);
    } catch {
      // exited between the check and the signal
    }
  }

  /**
   * Stop it: each of `stopSignals` in turn until it exits, SIGKILL as the very last resort.
   * Idempotent. Leaves no timer behind.
   */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      this.#child.ref();
      const guardianGone = this.#endGuardian();
      for (const [signal, waitMs] of [...this.#options.stopSignals, ['SIGKILL', 2000] as [NodeJS.Signals, number]]) {
        if (this.#exit) break;
        this.#signal(signal);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([this.#exited, new Promise((r) => (timer = setTimeout(r, waitMs)))]);
        clearTimeout(timer);
      }
      await guardianGone;
    })();
    return this.#stopping;
  }

  /** Synchronous last resort (process exit hook): the death signal, now. */
  killSync(): void {
    this.#signal(this.#options.deathSignal);
  }
}
