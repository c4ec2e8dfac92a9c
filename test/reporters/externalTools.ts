/**
 * Running the real consumers of our formats (xmllint, prove, python-subunit) from
 * tests, with a way to know when one is missing so the test can skip.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

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
