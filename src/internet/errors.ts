/**
 * Errors of the fakes that the real side never raises; the others (`ConnectionDone`,
 * `ProducerStateError`, ...) are the runtime's, shared by fakes and real transports.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import { TrialError } from '@trial-ts/runtime/internal';

/** `IOPump.flush()` kept moving bytes for 1,000 rounds: the two sides talk forever. */
export class PumpLoopError extends TrialError {
  constructor(message: string) {
    super(message, 'TRIAL_PUMP_LOOP');
  }
}
