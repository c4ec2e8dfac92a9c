/** The network's errors: TrialErrors with codes for misuse, Node-shaped errors for sockets. */
import { SynchronousTestCase } from 'trial-ts';
import { TrialError } from '@trial-ts/runtime';
import { AddressInUseError, systemError } from '../../../src/internet/memoryNetwork/networkErrors';

export class NetworkErrorsTests extends SynchronousTestCase {
  /** ECONNREFUSED reads as Node's: message, code, errno, syscall, address and port. */
  test_connectionRefusedIsNodeShaped(): void {
    const error = systemError('ECONNREFUSED', '127.0.0.1', 80);
    this.assertEqual([error.message, error.code, error.errno, error.syscall, error.address, error.port], ['connect ECONNREFUSED 127.0.0.1:80', 'ECONNREFUSED', -111, 'connect', '127.0.0.1', 80]);
  }

  /** ECONNRESET is a read error, as Node reports a reset. */
  test_resetIsARead(): void {
    const error = systemError('ECONNRESET');
    this.assertEqual([error.message, error.syscall, error.errno], ['read ECONNRESET', 'read', -104]);
  }

  /** AddressInUseError is a TrialError with its code. */
  test_addressInUseHasACode(): void {
    const error = new AddressInUseError('a.test:1');
    this.assertEqual([error instanceof TrialError, error.code, error.name], [true, 'TRIAL_ADDRESS_IN_USE', 'AddressInUseError']);
  }
}
