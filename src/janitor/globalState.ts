/**
 * Process-wide state a test may change and forget: the timer and clock globals
 * (`@sinonjs/fake-timers` installed and never uninstalled, `globalThis.setTimeout`
 * replaced), the working directory (`process.chdir()`), and `process.env`. Left
 * changed, they break the *next* tests ("TimeoutError … still running", a relative
 * path not found), far from the cause. After every test the janitor compares them with
 * what they were when the test started, puts them back, and says what changed: timers,
 * clocks and the cwd fail the test, `process.env` is a warning.
 *
 * Cost: a snapshot is a dozen property reads and `process.cwd()` (cached by Node);
 * `process.env` is watched, not compared (reading it all costs ~35 µs): a proxy records
 * the first value of each variable a test writes.
 *
 * Worker threads cannot `chdir` (Node throws), so the cwd check matters for in-process
 * runs and `--pool processes`.
 *
 * @packageDocumentation
 */

type Holder = Record<string, unknown>;

/** One watched global: where it lives and its name in messages. */
interface GlobalSlot {
  readonly name: string;
  holder(): Holder | undefined;
  readonly key: string;
}

const slot = (name: string, holder: () => unknown, key: string): GlobalSlot => ({
  name,
  holder: () => {
    const value = holder();
    return (typeof value === 'object' || typeof value === 'function') && value !== null ? (value as Holder) : undefined;
  },
  key,
});

/** The globals compared after every test (the clear* twins go with their setters: fake timers replace both). */
export const WATCHED_GLOBALS: readonly GlobalSlot[] = [
  ...['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'Date', 'performance'].map(
    (key) => slot(key, () => globalThis, key),
  ),
  slot('performance.now', () => globalThis.performance, 'now'),
  slot('process.hrtime', () => process, 'hrtime'),
  slot('process.hrtime.bigint', () => process.hrtime, 'bigint'),
  slot('process.nextTick', () => process, 'nextTick'),
];

/** The state at a test's start. */
export interface GlobalSnapshot {
  readonly values: readonly unknown[];
  readonly cwd: string;
}

/** What a test changed and left changed (already put back). */
export interface GlobalChanges {
  /** Globals that differed, by name (`setTimeout`, `Date`, `process.nextTick`, `cwd (now /tmp)`). */
  changed: string[];
  /** Environment variables that differed. */
  env: string[];
}

function read(entry: GlobalSlot): unknown {
  const holder = entry.holder();
  return holder === undefined ? undefined : holder[entry.key];
}

function safeCwd(): string {
  try {
    return process.cwd();
  } catch {
    return '';
  }
}

/**
 * The watched globals' values, in {@link WATCHED_GLOBALS} order, read directly: this
 * runs after every test, and plain property reads cost a fraction of the table's closures.
 */
function readAll(): unknown[] {
  const g = globalThis;
  const performance = g.performance as { now?: unknown } | undefined;
  const hrtime = process.hrtime as { bigint?: unknown } | undefined;
  return [
    g.setTimeout, g.clearTimeout, g.setInterval, g.clearInterval, g.setImmediate, g.clearImmediate, g.queueMicrotask, g.Date, performance,
    performance?.now, hrtime, hrtime?.bigint, process.nextTick,
  ];
}

/** Record the watched globals and the cwd. */
export function snapshotGlobals(): GlobalSnapshot {
  return { values: readAll(), cwd: safeCwd() };
}

function restore(entry: GlobalSlot, value: unknown): void {
  const holder = entry.holder();
  if (holder === undefined) return;
  try {
    Object.defineProperty(holder, entry.key, { value, writable: true, configurable: true, enumerable: false });
  } catch {
    // A frozen holder cannot have been changed either.
  }
}

/**
 * Compare with `before`, put back what differs, and name it.
 *
 * @param before - the snapshot taken when the test started.
 * @returns the names of the globals that differed (and were restored).
 */
export function restoreGlobals(before: GlobalSnapshot): string[] {
  const changed: string[] = [];
  const now = readAll();
  if (now.some((value, index) => value !== before.values[index])) {
    // In table order: restoring `performance` first makes `performance.now` read the real one.
    WATCHED_GLOBALS.forEach((entry, index) => {
      if (read(entry) === before.values[index]) return;
      changed.push(entry.name);
      restore(entry, before.values[index]);
    });
  }
  const cwd = safeCwd();
  if (cwd !== before.cwd && before.cwd !== '') {
    changed.push(`the working directory (changed to ${cwd})`);
    try {
      process.chdir(before.cwd);
    } catch {
      // The folder is gone; the message still says what happened.
    }
  }
  return changed;
}

/** Watches writes to `process.env` while a test runs. */
export interface EnvWatch {
  /** Start watching for one test (forgets the previous test's writes). */
  begin(): void;
  /** Stop watching; put back the variables the test left changed and name them. */
  end(): string[];
  /** Put the real `process.env` back (end of the thread). */
  uninstall(): void;
}

/**
 * Replace `process.env` with a proxy that remembers the first value of each variable
 * written during a test. Reads and enumeration go straight to the real environment.
 *
 * @returns the watch.
 */
export function watchEnv(): EnvWatch {
  const real = process.env;
  let saved: Map<string, string | undefined> | null = null;
  const remember = (key: string | symbol): void => {
    if (saved !== null && typeof key === 'string' && !saved.has(key)) saved.set(key, real[key]);
  };
  const proxy = new Proxy(real, {
    set(target, key, value) {
      remember(key);
      return Reflect.set(target, key, value);
    },
    deleteProperty(target, key) {
      remember(key);
      return Reflect.deleteProperty(target, key);
    },
    defineProperty(target, key, descriptor) {
      remember(key);
      return Reflect.defineProperty(target, key, descriptor);
    },
  });
  Object.defineProperty(process, 'env', { value: proxy, writable: true, configurable: true, enumerable: true });
  return {
    begin() {
      saved = new Map();
    },
    end() {
      const changed: string[] = [];
      if (process.env !== proxy) {
        changed.push('process.env (replaced by another object)');
        Object.defineProperty(process, 'env', { value: proxy, writable: true, configurable: true, enumerable: true });
      }
      for (const [key, value] of saved ?? []) {
        if (real[key] === value) continue;
        changed.push(key);
        if (value === undefined) delete real[key];
        else real[key] = value;
      }
      saved = null;
      return changed;
    },
    uninstall() {
      if (process.env === proxy) Object.defineProperty(process, 'env', { value: real, writable: true, configurable: true, enumerable: true });
    },
  };
}
