/**
 * Captures what a test writes to `process.stdout` / `process.stderr` and the warnings
 * it emits (`process.emitWarning`), so that in a worker each test's output travels with
 * its result instead of interleaving on the terminal. Installed once per thread; between
 * tests everything passes through untouched.
 *
 * @packageDocumentation
 */
import type { CapturedOutput } from './events';

type Write = typeof process.stdout.write;

/** Where the running test's output and warnings go. */
export interface CaptureTarget {
  /** Keep stdout/stderr text (false: let it through to the terminal). */
  captureOutput: boolean;
  output: CapturedOutput;
  onWarning(name: string, message: string): void;
}

/** The per-thread capture switch. */
export interface OutputCapture {
  /** Start sending output and warnings to `target` (until `stop`). */
  start(target: CaptureTarget): void;
  stop(): void;
  /** Put the original functions back. */
  uninstall(): void;
}

/**
 * Patch stdout, stderr and emitWarning of this thread.
 *
 * @param onChunk - also told of every captured chunk as it is written (a worker sends it
 *   to the main process, so what a test printed survives the worker dying mid-test).
 */
export function installOutputCapture(onChunk?: (stream: 'stdout' | 'stderr', text: string) => void): OutputCapture {
  let target: CaptureTarget | null = null;
  const originals = {
    stdout: process.stdout.write,
    stderr: process.stderr.write,
    emitWarning: process.emitWarning,
  };
  const patch = (stream: NodeJS.WriteStream, key: 'stdout' | 'stderr'): void => {
    const original = originals[key];
    stream.write = function capturedWrite(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
      if (target === null || !target.captureOutput) return (original as Function).call(this, chunk, ...rest) as boolean;
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      target.output[key] += text;
      onChunk?.(key, text);
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    } as Write;
  };
  patch(process.stdout, 'stdout');
  patch(process.stderr, 'stderr');
  process.emitWarning = function capturedWarning(this: unknown, warning: string | Error, ...rest: unknown[]): void {
    if (target === null) return (originals.emitWarning as Function).call(this, warning, ...rest) as void;
    const name = warning instanceof Error ? warning.name : typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type ?? 'Warning';
    target.onWarning(name, warning instanceof Error ? warning.message : String(warning));
  } as typeof process.emitWarning;
  return {
    start(next) {
      target = next;
    },
    stop() {
      target = null;
    },
    uninstall() {
      process.stdout.write = originals.stdout;
      process.stderr.write = originals.stderr;
      process.emitWarning = originals.emitWarning;
    },
  };
}
