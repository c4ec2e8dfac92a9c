/**
 * What tests start outlives nothing of the run: the processes a test spawned (a `sleep 30`
 * whose cleanup never ran because the run was interrupted, or because the runner was
 * SIGKILLed) are found as the runner's descendants and killed.
 *
 * Two halves share one process-tree walk (`/proc` on Linux, else `ps` and `awk`):
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
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

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

/**
 * The same walk with `ps`, which reads every process of the machine: tens of
 * milliseconds of CPU each time, twice a second, beside the tests.
 *
 * @internal exported for its test
 */
export const PS_WALK = `ps -A -o pid= -o ppid= -o pgid= | awk -v roots="$ROOTS" -v self="$$" '${DESCENDANTS_AWK}'`;

/**
 * The same walk on Linux with shell builtins only: it follows `/proc/PID/task/TID/children`
 * down from the roots and reads the process group from each child's `stat` (after the
 * command name, which may hold spaces: state, ppid, pgrp). It reads only the runner's own
 * tree and starts no process.
 *
 * @internal exported for its test
 */
export const PROC_WALK = [
  'queue=$ROOTS; seen=',
  'while [ -n "$queue" ]; do',
  '  p=${queue%% *}; case $queue in *" "*) queue=${queue#* } ;; *) queue= ;; esac',
  '  for f in /proc/$p/task/*/children; do',
  '    kids=; { read -r kids || :; } 2>/dev/null < "$f"',
  '    for c in $kids; do',
  '      [ "$c" = "$$" ] && continue',
  '      case " $seen " in *" $c "*) continue ;; esac',
  '      st=; { read -r st || :; } 2>/dev/null < "/proc/$c/stat"',
  '      [ -n "$st" ] || continue',
  '      rest=${st##*) }; rest=${rest#* }; rest=${rest#* }',
  '      [ "$c" = "${rest%% *}" ] && continue',
  '      seen="$seen $c"; echo "$c"; queue=${queue:+$queue }$c',
  '    done',
  '  done',
  'done',
].join('\n');

/** The shell lines printing the descendants of "$ROOTS", one pid a line: /proc where the kernel lists children, else `ps`. */
const LIST_DESCENDANTS = `if [ -r /proc/$$/task/$$/children ]; then\n${PROC_WALK}\nelse\n${PS_WALK}\nfi`;

/**
 * The guardian: $1 is the runner's pid, $2 the private folder the runner made for its
 * record (another user cannot plant that name). A background loop looks at the runner's
 * tree every 0.5 s and records it when it changed; the foreground blocks reading the
 * pipe. The line `done` ends it quietly, and the runner removes the folder. EOF (the
 * runner died) makes it kill the recorded pids and their descendants, then remove the
 * folder. It writes nothing else: the runner's stdio may be gone. The quiet end and an
 * unchanged tree start no process: each one would take CPU from the tests.
 */
const GUARDIAN = [
  'list() { ROOTS="$1"; export ROOTS; ' + LIST_DESCENDANTS + '; }',
  'record="$2/tree"',
  '( old=; while :; do new=$(list "$1" 2>/dev/null); if [ "$new" != "$old" ]; then printf "%s\\n" "$new" > "$record.new" && mv "$record.new" "$record" && old=$new; fi; sleep 0.5; done ) &',
  'poller=$!',
  'line=',
  'while read -r line; do [ "$line" = done ] && break; done',
  'kill "$poller" 2>/dev/null',
  '[ "$line" = done ] && exit 0',
  'recorded=; while read -r pid; do recorded="$recorded $pid"; done 2>/dev/null < "$record"',
  'rm -rf "$2"',
  'if [ -n "$recorded" ]; then kill -s KILL $recorded $(list "$recorded") 2>/dev/null; fi',
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
 * @param options - `tmpDir`: where its private folder goes (default `os.tmpdir()`).
 * @returns the guardian; a no-op one where process trees cannot be walked.
 * @example
 * ```ts
 * const guardian = startProcessGuardian();
 * closer.add('the process guardian', () => guardian.close());
 * ```
 */
export function startProcessGuardian(options: { tmpDir?: string } = {}): ProcessGuardian {
  if (!supported()) return { close: async () => undefined };
  let folder: string;
  try {
    folder = fs.mkdtempSync(path.join(options.tmpDir ?? os.tmpdir(), 'trial-ts-guardian.')); // mode 0700
  } catch {
    return { close: async () => undefined };
  }
  const removeFolder = () => fs.rmSync(folder, { recursive: true, force: true });
  let child: ChildProcess;
  try {
    child = spawn('/bin/sh', ['-c', GUARDIAN, 'trial-ts-guardian', String(process.pid), folder], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  } catch {
    removeFolder();
    return { close: async () => undefined };
  }
  child.on('error', () => undefined);
  child.stdin?.on('error', () => undefined);
  child.unref();
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return {
    close: () => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve(removeFolder());
      const pid = child.pid;
      child.ref();
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // Told to stop, it exits at once; a stuck one is killed after a second. Its folder is removed here.
      const stuck = setTimeout(() => killPids([-pid]), 1000);
      child.stdin?.end('done\n');
      return gone.then(() => {
        clearTimeout(stuck);
        killPids([-pid]); // what is left of its group: the poller's last `sleep`
        removeFolder();
      });
    },
  };
}
