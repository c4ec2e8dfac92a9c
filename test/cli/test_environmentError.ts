import { SynchronousTestCase } from 'trial-ts';
import { EnvironmentError, environmentGuard } from '../../src/cli/environmentError';

/** A file-system error as Node makes them. */
function fsError(code: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: operation failed, open '${path}'`), { code, path });
}

export class EnvironmentGuardTests extends SynchronousTestCase {
  /** EACCES becomes one paragraph naming what the run did, the path, the cause and the option; code TRIAL_ENVIRONMENT. */
  test_permissionErrorBecomesEnvironmentError(): void {
    const error = this.assertRaises(EnvironmentError, () =>
      environmentGuard('write the durations file', '--durations-file PATH', () => {
        throw fsError('EACCES', '/ci/cache/durations.json');
      }),
    );
    this.assertEqual(error.code, 'TRIAL_ENVIRONMENT');
    this.assertEqual(
      error.message,
      'Could not write the durations file: /ci/cache/durations.json is not writable by this user (EACCES). ' +
        'Make it writable for the user running trial-ts, or choose another place with --durations-file PATH.',
    );
  }

  /** A read-only file system says so. */
  test_readOnlyFileSystem(): void {
    const error = this.assertRaises(EnvironmentError, () =>
      environmentGuard('prepare the temp directory', '--temp-directory DIR', () => {
        throw fsError('EROFS', '/ro/_trial_temp');
      }),
    );
    this.assertSubstring('/ro/_trial_temp is on a read-only file system (EROFS)', error.message);
  }

  /** Other errors pass through unchanged, and a value is returned as is. */
  test_otherErrorsAndValuesPassThrough(): void {
    const original = fsError('ENOENT', '/x');
    const error = this.assertRaises(Error, () => environmentGuard('x', '--x', () => {
      throw original;
    }));
    this.assertIdentical(error, original);
    this.assertEqual(environmentGuard('x', '--x', () => 42), 42);
  }
}
