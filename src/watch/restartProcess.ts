/**
 * A config change restarts watch mode from scratch: the config (a TypeScript module,
 * possibly an ES module, which Node cannot unload) is read by a new process, with the
 * same arguments, in the same terminal. This one waits for it and passes on its exit code.
 *
 * @packageDocumentation
 */
import { spawn } from 'node:child_process';

/**
 * Run this command line again in a child process sharing the terminal, and wait for it.
 *
 * @returns the child's exit code (130 when a signal ended it).
 */
export function restartProcess(): Promise<number> {
  // Ctrl-C reaches both processes (one process group); the child decides, this one waits.
  const ignore = (): void => undefined;
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, ignore);
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.on('error', () => resolve(3));
    child.on('exit', (code) => {
      for (const signal of signals) process.off(signal, ignore);
      process.off('SIGTERM', forward);
      resolve(code ?? 130);
    });
  });
}
