/**
 * Rewrites the option tables of docs/cli.md from the option table (src/cli/optionTable.ts),
 * after an option was added or changed; test/cli/test_optionDocs.ts fails until they agree.
 *
 * It is TypeScript: `npm run docs:cli`.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withGeneratedBlocks } from '../src/cli/optionDocs';

/** docs/cli.md of this checkout. */
export const CLI_DOCS = path.resolve(__dirname, '..', 'docs', 'cli.md');

/**
 * Rewrite the generated blocks of docs/cli.md.
 *
 * @returns 0 (the exit code).
 */
export function main(): number {
  fs.writeFileSync(CLI_DOCS, withGeneratedBlocks(fs.readFileSync(CLI_DOCS, 'utf8')));
  return 0;
}
