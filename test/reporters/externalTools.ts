/**
 * Running the real consumers of our formats (xmllint, prove, python-subunit) and the
 * services of the docs' examples (redis-server) from tests, with a way to know when one
 * is missing: a developer's machine may skip such a test, CI (which installs them all in
 * .ci/install-system-deps.sh) must fail it, or a broken CI image would pass unseen.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { SynchronousTestCase } from 'trial-ts';

/** The JUnit schema the junit reporter's output must satisfy. */
export const JUNIT_XSD = path.join(__dirname, 'junit.xsd');

/** What a tool run produced. */
export interface ToolResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `tool` is on the PATH. */
export function hasTool(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).status === 0;
}

/**
 * Give up on a test whose tool is missing: fail it when the `CI` variable is set (CI
 * installs every tool, so a missing one is a broken image), skip it otherwise.
 *
 * @param test - the running test.
 * @param what - what is missing and how to install it, e.g. "redis-server is not installed (Debian: redis-server)".
 * @throws always: the test's failure under CI, its SkipTest elsewhere.
 */
export function toolMissing(test: SynchronousTestCase, what: string): never {
  if (process.env.CI) test.fail(`${what}, and CI must run this test: .ci/install-system-deps.sh installs it`);
  test.skipTest(what);
}

/**
 * Run a tool with `input` on stdin.
 *
 * @param tool - the command.
 * @param args - its arguments.
 * @param input - bytes or text for stdin.
 */
export function runTool(tool: string, args: string[], input: string | Uint8Array = ''): ToolResult {
  const result = spawnSync(tool, args, { input, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Run a tool and keep its stdout as bytes (for binary formats).
 *
 * @param tool - the command.
 * @param args - its arguments.
 */
export function runToolBytes(tool: string, args: string[]): Buffer {
  return spawnSync(tool, args, { timeout: 30_000 }).stdout;
}
