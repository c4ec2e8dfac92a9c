/**
 * Tests for src/cli/config.ts: `validateConfig` (non-objects, unknown keys, each key's
 * type check) and `loadConfig` (the default file names, `--config`, a missing file, a
 * file that throws, an invalid one).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { CONFIG_FILES, loadConfig, validateConfig } from '../../src/cli/config';
import { defineConfig, type UserConfig } from '../../src/cli/userConfig';
import { UsageError } from '../../src/cli/usageError';

const FAKE_SIDECAR = { start: async () => ({}) };

export class ValidateConfigTests extends TestCase {
  /** A valid config with every key is returned as is. */
  test_validConfig(): void {
    const config = {
      roots: ['test', 'spec'],
      exclude: ['test/bench/**'],
      jobs: 4,
      pool: 'processes',
      timeout: 0.5,
      order: 'toptobottom',
      reporters: ['tree', 'junit:out.xml'],
      tempDirectory: 'tmp',
      leaks: { check: false, ignore: [] },
      uncleanWarnings: true,
      durationsFile: 'd.json',
      sidecars: { db: FAKE_SIDECAR },
    };
    this.assertIdentical(validateConfig(config, 'trial-ts.config.ts'), config as unknown as UserConfig);
    this.assertEqual(validateConfig({ jobs: 'auto' }, 'c.ts'), { jobs: 'auto' });
    this.assertEqual(validateConfig({}, 'c.ts'), {});
  }

  /** Keys set to undefined are allowed. */
  test_undefinedValuesAllowed(): void {
    this.assertEqual(validateConfig({ jobs: undefined, roots: undefined }, 'c.ts'), { jobs: undefined, roots: undefined });
  }

  /** Anything but a plain object is refused, with the remedy. */
  test_notAnObject(): void {
    for (const value of [null, undefined, 3, 'roots', [], () => ({})]) {
      const error = this.assertRaises(UsageError, validateConfig, value, 'trial-ts.config.ts');
      this.assertSubstring('trial-ts.config.ts must export a config object', error.message);
    }
  }

  /** An unknown key is refused, naming it and listing the known keys. */
  test_unknownKey(): void {
    const error = this.assertRaises(UsageError, validateConfig, { root: ['test'] }, 'c.ts');
    this.assertSubstring("unknown config key 'root'", error.message);
    this.assertSubstring('Known keys: roots, jobs, pool, ', error.message);
    this.assertEqual(error.code, 'TRIAL_USAGE');
  }

  /** Each key refuses values of the wrong type, saying what it must be. */
  test_eachKeyChecked(): void {
    const bad: Array<[string, unknown, string]> = [
      ['roots', 'test', 'an array of folder names'],
      ['roots', ['test', 3], 'an array of folder names'],
      ['exclude', 'x/**', 'an array of glob patterns'],
      ['jobs', 0, "a positive integer or 'auto'"],
      ['jobs', 2.5, "a positive integer or 'auto'"],
      ['jobs', '4', "a positive integer or 'auto'"],
      ['pool', 'fibers', "'threads' or 'processes'"],
      ['timeout', 0, 'a positive number of seconds'],
      ['timeout', '10', 'a positive number of seconds'],
      ['order', 'random:3', "'alphabetical', 'toptobottom' or 'random'"],
      ['reporters', 'tree', 'an array of reporter names'],
      ['tempDirectory', '', 'a folder name'],
      ['tempDirectory', 5, 'a folder name'],
      ['leaks', true, '{ check?: boolean'],
      ['leaks', { checks: false }, '{ check?: boolean'],
      ['uncleanWarnings', 'yes', 'true or false'],
      ['strictTodo', 1, 'true or false'],
      ['retries', -1, 'a non-negative integer'],
      ['updateSnapshots', 'yes', 'true or false'],
      ['durationsFile', '', 'a file path'],
      ['sidecars', { db: 'postgres' }, 'an object of postgres(...)'],
      ['sidecars', null, 'an object of postgres(...)'],
    ];
    for (const [key, value, expected] of bad) {
      const error = this.assertRaises(UsageError, validateConfig, { [key]: value }, 'c.ts');
      this.assertSubstring(`c.ts: '${key}' must be ${expected}`, error.message);
    }
  }

  /** The values inside leaks are checked too: check a boolean, ignore an array. */
  test_leaksValuesChecked(): void {
    this.assertRaises(UsageError, validateConfig, { leaks: { check: 'no' } }, 'c.ts');
    this.assertRaises(UsageError, validateConfig, { leaks: { ignore: 'Timeout' } }, 'c.ts');
  }

  /** defineConfig returns its argument. */
  test_defineConfig(): void {
    const config = { roots: ['x'] };
    this.assertIdentical(defineConfig(config), config);
  }
}

export class LoadConfigTests extends TestCase {
  #cwd = '';

  override setUp(): void {
    this.#cwd = this.mktemp();
    fs.mkdirSync(this.#cwd);
  }

  #write(name: string, text: string): string {
    const file = path.join(this.#cwd, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  }

  /** With no config file there is an empty config and no file. */
  async test_noConfigFile(): Promise<void> {
    this.assertEqual(await loadConfig(undefined, this.#cwd), { config: {} });
  }

  /** trial-ts.config.ts in the cwd is found, compiled and validated. */
  async test_typeScriptConfig(): Promise<void> {
    const file = this.#write(
      'trial-ts.config.ts',
      "const roots: string[] = ['spec'];\nexport default { roots, jobs: 2, order: 'toptobottom' as const };\n",
    );
    this.assertEqual(await loadConfig(undefined, this.#cwd), { config: { roots: ['spec'], jobs: 2, order: 'toptobottom' }, file });
  }

  /** The default names are tried in order: .ts before .js. */
  async test_defaultNamesInOrder(): Promise<void> {
    this.assertEqual(CONFIG_FILES[0], 'trial-ts.config.ts');
    this.#write('trial-ts.config.js', 'module.exports = { roots: ["js"] };\n');
    const tsFile = this.#write('trial-ts.config.ts', 'export default { roots: ["ts"] };\n');
    const loaded = await loadConfig(undefined, this.#cwd);
    this.assertEqual([loaded.file, loaded.config.roots], [tsFile, ['ts']]);
  }

  /** A CommonJS config (module.exports) loads too. */
  async test_commonJsConfig(): Promise<void> {
    const file = this.#write('trial-ts.config.cjs', 'module.exports = { timeout: 3 };\n');
    this.assertEqual(await loadConfig(undefined, this.#cwd), { config: { timeout: 3 }, file });
  }

  /** --config names a file relative to the cwd. */
  async test_explicitConfig(): Promise<void> {
    const file = this.#write('conf/ci.config.ts', 'export default { uncleanWarnings: true };\n');
    this.#write('trial-ts.config.ts', 'export default { roots: ["ignored"] };\n');
    this.assertEqual(await loadConfig('conf/ci.config.ts', this.#cwd), { config: { uncleanWarnings: true }, file });
  }

  /** A missing --config file is a usage error naming it. */
  async test_missingExplicitConfig(): Promise<void> {
    const error = await this.assertRejects(UsageError, loadConfig('nope.config.ts', this.#cwd));
    this.assertEqual(error.message, 'Config file nope.config.ts does not exist.');
  }

  /** A config that throws while loading is a usage error with the first line of the reason. */
  async test_throwingConfig(): Promise<void> {
    this.#write('trial-ts.config.ts', "throw new Error('no database URL\\nsecond line');\nexport default {};\n");
    const error = await this.assertRejects(UsageError, loadConfig(undefined, this.#cwd));
    this.assertEqual(error.message, 'Config file trial-ts.config.ts could not be loaded: no database URL');
  }

  /** A config that does not compile is a usage error. */
  async test_brokenSyntaxConfig(): Promise<void> {
    this.#write('trial-ts.config.ts', 'export default { roots: [ };\n');
    const error = await this.assertRejects(UsageError, loadConfig(undefined, this.#cwd));
    this.assertSubstring('Config file trial-ts.config.ts could not be loaded:', error.message);
  }

  /** An invalid config is a usage error naming the file relative to the cwd. */
  async test_invalidConfig(): Promise<void> {
    this.#write('trial-ts.config.ts', 'export default { jobz: 2 };\n');
    const error = await this.assertRejects(UsageError, loadConfig(undefined, this.#cwd));
    this.assertSubstring("trial-ts.config.ts: unknown config key 'jobz'", error.message);
  }
}
