/**
 * Runs the real command line (`bin/trial-ts.js`) in a child process, the way a user
 * does, for end-to-end tests over the suites in fixtures/.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

/** The project's root folder. */
export const ROOT = path.resolve(__dirname, '..', '..');
/** The fixtures folder. */
export const FIXTURES = path.join(ROOT, 'fixtures');
const BIN = path.join(ROOT, 'bin', 'trial-ts.js');

/** What a CLI run produced. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  pid: number;
}

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** Working directory (default: the project root). */
  cwd?: string;
  /** Extra environment variables (NO_COLOR is always set, CI-like vars are removed). */
  env?: Record<string, string | undefined>;
  /** Kill the CLI (by pid) after this long; default 60 s. */
  timeoutMs?: number;
  /** Called with the child once spawned (to send it signals). */
  onSpawn?: (child: import('node:child_process').ChildProcess) => void;
}

/**
 * Run `trial-ts ...args` and collect its exit code and output.
 *
 * @param args - command-line arguments.
 * @param options - see {@link RunCliOptions}.
 * @returns exit code, signal and output.
 */
export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  return runCommand(process.execPath, [BIN, ...args], { timeoutMs: 60_000, ...options });
}

/** The environment a CLI run gets: no colours, none of the CI variables that would change its output. */
export function cliEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined };
  for (const name of ['GITHUB_ACTIONS', 'CI_NODE_INDEX', 'CI_NODE_TOTAL', 'CIRCLE_NODE_INDEX', 'CIRCLE_NODE_TOTAL', 'BUILDKITE_PARALLEL_JOB', 'BUILDKITE_PARALLEL_JOB_COUNT']) {
    delete env[name];
  }
  return Object.assign(env, extra);
}

/**
 * Run `command ...args` with {@link cliEnv} and collect its exit code and output; killed
 * (by pid) after `timeoutMs`.
 *
 * @param command - the program (the CLI itself, or a wrapper such as `unshare` that runs it).
 * @param args - its arguments.
 * @param options - see {@link RunCliOptions}.
 * @returns exit code, signal and output.
 */
export function runCommand(command: string, args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: cliEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    options.onSpawn?.(child);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, pid: child.pid ?? -1 });
    });
  });
}

/**
 * Replace what changes between runs (times, absolute paths) so outputs can be compared
 * whole: `0.123s` → `N.NNNs`, the project root → `<ROOT>`.
 */
export function normalizeOutput(text: string): string {
  return text
    .split(ROOT)
    .join('<ROOT>')
    .replace(/\d+\.\d{3}s\b/g, 'N.NNNs')
    .replace(/\b\d+(\.\d+)? ?ms\b/g, 'N ms');
}
