/**
 * What tests start outlives nothing of the run: the processes a test spawned (a `sleep 30`
 * whose cleanup never ran because the run was interrupted, or because the runner was
 * SIGKILLed) are found as the runner's descendants and killed.
 *
 * Two halves share one process-tree walk (`ps` and `awk`, on Linux and macOS):
 * - the runner, at the end of an interrupted run, kills what it recorded when the grace
 *   period ended (recorded then: once the workers close, their children are orphans that
 *   no tree walk finds);
 * - a guardian (`sh`, detached, holding a pipe only the runner writes) records the tree
 *   twice a second; when the pipe reaches EOF — the runner died, however — it kills what
 *   it recorded and what those started since.
 *
 * A process that leads its own process group (`detached: true`) is left alone with
 * everything under it: sidecars and guardians are such, and so is a daemon a test means
 * to manage itself.
 *
 * @packageDocumentation
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/**
 * awk over `ps -A -o pid= -o ppid= -o pgid=`: the descendants of the pids in `roots`
 * (space-separated), not the roots themselves, skipping group leaders and their subtrees,
 * and the shell `self` that runs this walk (with its `ps` and `awk`).
 */
const DESCENDANTS_AWK = [
  '{ kids[$2] = kids[$2] " " $1; pgid[$1] = $3 }',
  'function walk(p,   n, list, i) { n = split(kids[p], list, " ");',
  '  for (i = 1; i <= n; i++) if (list[i] != pgid[list[i]] && list[i] != self && !(list[i] in seen)) { seen[list[i]] = 1; print list[i]; walk(list[i]) } }',
  'END { n = split(roots, r, " "); for (j = 1; j <= n; j++) walk(r[j]) }',
].join('\n');

/** The shell line printing the descendants of "$ROOTS", one pid a line. */
const LIST_DESCENDANTS = `ps -A -o pid= -o ppid= -o pgid= | awk -v roots="$ROOTS" -v self="$$" '${DESCENDANTS_AWK}'`;

/**
 * The guardian: $1 is the runner's pid. A background loop records the runner's tree every
 * 0.5 s, in a private folder of its own (`mktemp -d`: another user cannot plant the name);
 * the foreground blocks reading the pipe. The line `done` ends it quietly; EOF (the runner
 * died) makes it kill the recorded pids and their descendants. Either way it removes its
 * folder. It writes nothing else: the runner's stdio may be gone.
 */
const GUARDIAN = [
  'list() { ROOTS="$1"; export ROOTS; ' + LIST_DESCENDANTS + '; }',
  'dir=$(mktemp -d "${TMPDIR:-/tmp}/trial-ts-guardian.XXXXXX") || exit 1',
  'record="$dir/tree"',
  '( while :; do list "$1" > "$record.new" 2>/dev/null && mv "$record.new" "$record"; sleep 0.5; done ) &',
  'poller=$!',
  'line=',
  'while read -r line; do [ "$line" = done ] && break; done',
  'kill "$poller" 2>/dev/null',
  'recorded=$(cat "$record" 2>/dev/null | tr "\\n" " ")',
  'rm -rf "$dir"',
  'if [ "$line" != done ] && [ -n "$recorded" ]; then kill -s KILL $recorded $(list "$recorded") 2>/dev/null; fi',
].join('\n');

/** Process trees are walked with `ps`; Windows has no `sh` and no process groups to speak of. */
function supported(): boolean {
  return process.platform !== 'win32';
}

/**
 * The pids below `root` now (children, their children, ...), leaving out processes that
 * lead their own process group and what runs under them.
 *
 * @param root - the process whose tree to walk (the runner: `process.pid`).
 * @returns the pids; empty where `ps` is missing or fails.
 */
export function descendantPids(root: number): number[] {
  if (!supported()) return [];
  const listed = spawnSync('/bin/sh', ['-c', LIST_DESCENDANTS], { env: { ...process.env, ROOTS: String(root) }, encoding: 'utf8' });
  if (listed.status !== 0 || typeof listed.stdout !== 'string') return [];
  return listed.stdout.split('\n').filter((line) => /^\d+$/.test(line.trim())).map(Number);
}

/**
 * SIGKILL each pid that still exists; pids gone meanwhile are skipped.
 *
 * @param pids - from {@link descendantPids}.
 * @returns the pids that were signalled.
 */
export function killPids(pids: readonly number[]): number[] {
  const killed: number[] = [];
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
      killed.push(pid);
    } catch {
      // already gone
    }
  }
  return killed;
}

/** A running guardian; {@link ProcessGuardian.close} ends it when the run ends in order. */
export interface ProcessGuardian {
  /** End the guardian without it killing anything, and wait for it to be gone. */
  close(): Promise<void>;
}

/**
 * Start the guardian of this runner's test processes (see the module comment).
 *
 * @param options - `tmpDir`: where its private folder goes (default `$TMPDIR` or /tmp).
 * @returns the guardian; a no-op one where process trees cannot be walked.
 * @example
 * ```ts
 * const guardian = startProcessGuardian();
 * closer.add('the process guardian', () => guardian.close());
 * ```
 */
export function startProcessGuardian(options: { tmpDir?: string } = {}): ProcessGuardian {
  if (!supported()) return { close: async () => undefined };
  let child: ChildProcess;
  try {
    const env = options.tmpDir ? { ...process.env, TMPDIR: options.tmpDir } : process.env;
    child = spawn('/bin/sh', ['-c', GUARDIAN, 'trial-ts-guardian', String(process.pid)], { detached: true, env, stdio: ['pipe', 'ignore', 'ignore'] });
  } catch {
    return { close: async () => undefined };
  }
  child.on('error', () => undefined);
  child.stdin?.on('error', () => undefined);
  child.unref();
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return {
    close: () => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
      const pid = child.pid;
      child.ref();
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // Told to stop, it removes its folder and exits; a stuck one is killed after a second.
      const stuck = setTimeout(() => killPids([-pid]), 1000);
      child.stdin?.end('done\n');
      return gone.then(() => {
        clearTimeout(stuck);
        killPids([-pid]); // what is left of its group: the poller's last `sleep`
      });
    },
  };
}
