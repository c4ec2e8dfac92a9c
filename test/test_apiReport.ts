/**
 * docs/api/index.md, the API reference TypeDoc generates from the TSDoc of src/index.ts
 * (typedoc.json), must match a fresh generation: a change to the public API or its
 * comments that was not followed by `npm run api` fails here, naming the first line
 * that differs.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';

const ROOT = path.resolve(__dirname, '..');
const REPORT = path.join(ROOT, 'docs', 'api', 'index.md');

/** Run TypeDoc with the project's typedoc.json into `out`; resolves with its stderr. */
function generate(out: string): Promise<string> {
  const bin = path.join(path.dirname(require.resolve('typedoc/package.json', { paths: [ROOT] })), 'bin', 'typedoc');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [bin, '--out', out], { cwd: ROOT, timeout: 280_000 }, (error, _stdout, stderr) =>
      error === null ? resolve(stderr) : reject(new Error(`typedoc failed: ${error.message}\n${stderr}`)),
    );
  });
}

/** The first differing line of two texts, 1-based, or 0 when they are equal. */
function firstDifference(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) if (left[i] !== right[i]) return i + 1;
  return 0;
}

export class ApiReportTests extends TestCase {
  /** TypeDoc on a loaded two-core machine takes up to a minute. */
  static timeout = 300;

  /** The committed reference is what TypeDoc generates now. */
  async test_referenceHasNoDrift() {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-api-'));
    this.addCleanup(() => fs.rmSync(out, { recursive: true, force: true }));
    await generate(out);
    const fresh = fs.readFileSync(path.join(out, 'index.md'), 'utf8');
    const committed = fs.readFileSync(REPORT, 'utf8');
    const line = firstDifference(committed, fresh);
    this.assertEqual(line, 0, `docs/api/index.md differs from a fresh generation at line ${line}: run \`npm run api\` and commit the result.`);
  }
}
