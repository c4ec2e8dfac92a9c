/**
 * Tests for src/sidecar/postgresOptions.ts: validation of `postgres()` options and names.
 */
import { SynchronousTestCase } from 'trial-ts';
import { SidecarConfigError } from '../../src/sidecar/sidecarErrors';
import { MAX_PREFIX_BYTES, isValidDatabaseName, validatePostgresOptions } from '../../src/sidecar/postgresOptions';
import { postgres } from '../../src/sidecar/postgres';

/** Tests for `validatePostgresOptions`. */
export class ValidatePostgresOptionsTests extends SynchronousTestCase {
  /** No options give per-worker databases, a 30 s start timeout and the `trial` prefix. */
  test_defaults() {
    const o = validatePostgresOptions();
    this.assertEqual([o.isolation, o.startTimeout, o.databasePrefix], ['database-per-worker', 30_000, 'trial']);
  }

  /** An unknown option is a config error that lists the known ones. */
  test_unknownOption() {
    const error = this.assertRaises(SidecarConfigError, () => validatePostgresOptions({ shema: 'x.sql' } as never));
    this.assertSubstring('unknown option `shema`', error.message);
    this.assertSubstring('schema', error.message);
    this.assertEqual(error.code, 'TRIAL_SIDECAR_CONFIG');
  }

  /** A bad isolation mode names the valid ones. */
  test_badIsolation() {
    const error = this.assertRaises(SidecarConfigError, () => validatePostgresOptions({ isolation: 'per-test' as never }));
    this.assertSubstring("'database-per-test'", error.message);
  }

  /** `schema` must be a file name or an array of them. */
  test_badSchema() {
    this.assertRaises(SidecarConfigError, () => validatePostgresOptions({ schema: [1] as never }));
  }

  /** `postgres()` validates at once, when the config loads. */
  test_postgresValidatesEagerly() {
    this.assertRaises(SidecarConfigError, () => postgres({ startTimeout: -1 }));
    this.assertEqual(postgres({ schema: 'schema.sql' }).kind, 'postgres');
  }

  /** A prefix longer than the limit (so clone names would pass 63 bytes) is refused. */
  test_prefixLength() {
    validatePostgresOptions({ databasePrefix: 'a'.repeat(MAX_PREFIX_BYTES) });
    this.assertRaises(SidecarConfigError, () => validatePostgresOptions({ databasePrefix: 'a'.repeat(MAX_PREFIX_BYTES + 1) }));
  }

  /** A prefix needing quotes (uppercase, dash) is refused. */
  test_prefixCharacters() {
    this.assertRaises(SidecarConfigError, () => validatePostgresOptions({ databasePrefix: 'My-Db' }));
  }
}

/** Tests for `isValidDatabaseName`. */
export class IsValidDatabaseNameTests extends SynchronousTestCase {
  /** 63 bytes is the limit; 64 is refused. */
  test_length() {
    this.assertTrue(isValidDatabaseName('a'.repeat(63)));
    this.assertFalse(isValidDatabaseName('a'.repeat(64)));
  }

  /** Names start with a letter or underscore and hold only lowercase letters, digits and _. */
  test_characters() {
    this.assertTrue(isValidDatabaseName('trial_w0'));
    this.assertFalse(isValidDatabaseName('0trial'));
    this.assertFalse(isValidDatabaseName('trial-w0'));
    this.assertFalse(isValidDatabaseName('Trial'));
  }

  /** The longest allowed prefix still gives clone names within 63 bytes. */
  test_longestPrefixFits() {
    const prefix = 'p'.repeat(MAX_PREFIX_BYTES);
    this.assertTrue(isValidDatabaseName(`${prefix}_template`));
    this.assertTrue(isValidDatabaseName(`${prefix}_t999999999`));
  }
}
