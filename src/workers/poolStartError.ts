/**
 * The worker pool could not start: a worker died before it began its first unit, twice in
 * a row (its entry failed to load, a preload module or NODE_OPTIONS flag broke it, the
 * machine refused a thread or a process). No test is to blame, so the run ends with exit 3
 * and this one paragraph instead of charging the files it would have run.
 *
 * @packageDocumentation
 */
import { TrialError } from '@trial-ts/runtime/internal';
import type { WorkerExit } from './interfaces';
import { messages } from './messages';

/** Workers of this run cannot start (code `TRIAL_POOL_START`, exit 3). */
export class PoolStartError extends TrialError {
  /**
   * @param worker - the slot whose workers could not start.
   * @param exit - how its last attempt ended.
   * @param kind - the pool kind, for the remedy.
   */
  constructor(
    readonly worker: number,
    readonly exit: WorkerExit,
    kind: string,
  ) {
    super(messages.poolStartFailed(worker, exit.reason, kind, exit.stderrTail), 'TRIAL_POOL_START');
  }
}
