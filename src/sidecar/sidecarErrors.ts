/**
 * Errors of the sidecar area.
 *
 * @packageDocumentation
 */
import { TrialError } from '@trial-ts/runtime/internal';
import { messages } from './messages';

/**
 * A sidecar could not start (no binaries, a timeout, an early exit, a failing schema).
 * The CLI maps it to exit code 3 and prints the message, which ends with the last log lines.
 *
 * @example
 * ```ts
 * try { await broker.acquire('db', 0); }
 * catch (e) { if ((e as { code?: string }).code === 'TRIAL_SIDECAR_START') process.exitCode = 3; }
 * ```
 */
export class SidecarStartError extends TrialError {
  /** The sidecar's name in the config. */
  readonly sidecar: string;
  /** The last log lines (up to 50), also at the end of the message. */
  readonly logTail: string[];

  /**
   * @param sidecar - the sidecar's name.
   * @param message - one paragraph: what failed and how to fix it.
   * @param logTail - the last log lines.
   * @param options - `cause`.
   */
  constructor(sidecar: string, message: string, logTail: string[] = [], options?: ErrorOptions) {
    const tail = logTail.length ? `\n\nLast ${logTail.length} log lines of "${sidecar}":\n${logTail.join('\n')}` : '';
    super(message + tail, 'TRIAL_SIDECAR_START', options);
    this.sidecar = sidecar;
    this.logTail = logTail;
  }
}

/**
 * What a class that needs a sidecar gets when that sidecar could not start: its tests are
 * reported as not run (skipped, with this message as the reason), the run goes on, and
 * the start failure itself ends the run after the summary (exit 3, or 2 for a bad config).
 * Recognised by its name, which survives the trip from the main process to a worker.
 */
export class SidecarUnavailableError extends TrialError {
  /** @param sidecar - the sidecar's name in the config. */
  constructor(sidecar: string) {
    super(messages.notRun(sidecar), 'TRIAL_SIDECAR_UNAVAILABLE');
  }
}

/** A sidecar definition or name is wrong (bad option, unknown name). The CLI maps it to exit code 2. */
export class SidecarConfigError extends TrialError {
  /** @param message - what is wrong and how to fix it. */
  constructor(message: string) {
    super(message, 'TRIAL_SIDECAR_CONFIG');
  }
}

/** A test asked for a sidecar its class did not declare, or used a helper outside its mode. */
export class SidecarUsageError extends TrialError {
  /** @param message - what is wrong and how to fix it. */
  constructor(message: string) {
    super(message, 'TRIAL_SIDECAR_USAGE');
  }
}
