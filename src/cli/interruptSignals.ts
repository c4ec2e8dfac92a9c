/**
 * Ctrl-C, SIGTERM and SIGHUP during a run: the first stops handing out work and gives the
 * running tests a grace, the second ends the run now. The handlers are removed when the
 * run closes.
 *
 * @packageDocumentation
 */
import type { Closer } from './closer';
import type { Io } from './main';
import type { RunControl } from './runControl';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Route the process's termination signals to the run's control until the run closes.
 *
 * @param control - the run's control.
 * @param io - where the interrupt notice goes.
 * @param closer - removes the handlers on close.
 */
export function listenForInterrupts(control: RunControl, io: Io, closer: Closer): void {
  const onSignal = (signal: NodeJS.Signals): void => {
    if (control.interrupt(signal)) io.stderr.write('\ntrial-ts: interrupted; finishing running tests (Ctrl-C again to stop now)\n');
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  closer.add('the signal handlers', async () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  });
}
