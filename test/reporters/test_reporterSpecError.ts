/**
 * Tests for src/reporters/reporterSpecError.ts: a bad `--reporter` is a usage error.
 */
import { SynchronousTestCase } from 'trial-ts';
import { UsageError } from '../../src/cli/usageError';
import { ReporterSpecError, USAGE_ERROR_CODE } from '../../src/reporters/reporterSpecError';

/** Tests of ReporterSpecError. */
export class ReporterSpecErrorTests extends SynchronousTestCase {
  /** It carries the usage code the CLI's UsageError has, so the CLI exits 2 for it too. */
  test_sameCodeAsUsageError() {
    const error = new ReporterSpecError('unknown reporter "xunit"');
    this.assertEqual([error.name, error.code, error.message], ['ReporterSpecError', USAGE_ERROR_CODE, 'unknown reporter "xunit"']);
    this.assertEqual(USAGE_ERROR_CODE, new UsageError('x').code);
  }
}
