/**
 * End to end: a test file whose name is not valid UTF-8 (made here, as bytes: such a name
 * cannot live in the repository portably) is reported as exactly that, with the remedy,
 * never as "cannot find module" with the loader's internal path.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { runCli } from '../support/runCli';

export class FileNameTests extends TestCase {
  /** `test_\xe9.ts` in Latin-1: one [ERROR] saying the name is not UTF-8; the other file still runs. */
  async test_nonUtf8NameIsReportedAsSuch(): Promise<void> {
    if (process.platform === 'darwin') this.skipTest('macOS file systems refuse names that are not UTF-8');
    const dir = this.mktemp();
    fs.mkdirSync(path.join(dir, 'test'), { recursive: true });
    const test = "import { SynchronousTestCase } from 'trial-ts';\nexport class T extends SynchronousTestCase {\n  test_a(): void {\n    this.assertTrue(true);\n  }\n}\n";
    fs.writeFileSync(Buffer.concat([Buffer.from(path.join(dir, 'test', 'test_')), Buffer.from([0xe9]), Buffer.from('.ts')]), test);
    fs.writeFileSync(path.join(dir, 'test', 'test_fine.ts'), test);
    const result = await runCli(['--reporter', 'text'], { cwd: dir });
    this.assertEqual(result.code, 1, result.stdout + result.stderr);
    this.assertSubstring('InvalidFileNameError: The name of the test file test/test_\uFFFD.ts is not valid UTF-8', result.stdout);
    this.assertNotIn('registerTypeScript', result.stdout);
    this.assertIn('tests: 1 passed, 1 failed, 0 skipped', result.stdout);
  }
}
