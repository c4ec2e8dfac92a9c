/**
 * Tests for src/cli/optionDocs.ts: docs/cli.md holds the option tables the option table
 * makes (a changed option without `npm run docs:cli` fails here), and the generated
 * tables name every flag, config key and default.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { configMarkdown, generatedBlocks, optionsMarkdown, withGeneratedBlocks } from '../../src/cli/optionDocs';
import { optionRows } from '../../src/cli/optionTable';

const CLI_DOCS = path.resolve(__dirname, '..', '..', 'docs', 'cli.md');

export class OptionDocsTests extends SynchronousTestCase {
  /** docs/cli.md is up to date with the option table. */
  test_docsUpToDate(): void {
    const page = fs.readFileSync(CLI_DOCS, 'utf8');
    const fresh = withGeneratedBlocks(page);
    const lines = page.split('\n');
    const line = fresh.split('\n').findIndex((text, index) => text !== lines[index]);
    this.assertEqual(line, -1, `docs/cli.md differs from the option table at line ${line + 1}: run \`npm run docs:cli\` and commit the result.`);
  }

  /** Every generated block appears in docs/cli.md exactly once. */
  test_everyBlockInTheDocs(): void {
    const page = fs.readFileSync(CLI_DOCS, 'utf8');
    for (const name of Object.keys(generatedBlocks())) {
      this.assertEqual(page.split(`<!-- options:${name} -->`).length, 2, name);
    }
  }

  /** Every flag is in one section's table, with its config key; every config key is in the config table. */
  test_everyOptionListed(): void {
    const sections = ['selecting', 'running', 'output', 'coverage'] as const;
    const flagTables = sections.map((section) => optionsMarkdown(section)).join('\n');
    const config = configMarkdown();
    for (const [name, spec] of optionRows()) {
      const long = spec.flags?.split(' ').find((word) => word.startsWith('--'));
      if (long !== undefined) this.assertSubstring(`${long}`, flagTables);
      if (spec.config !== undefined) this.assertSubstring(`| \`${name}\` | ${spec.config.expected} |`, config);
    }
  }

  /** A row shows the flag with its value's name, the config key and the default. */
  test_rowShape(): void {
    this.assertSubstring('| `-j, --jobs N\\|auto` | `jobs` | `1` | Run the tests in N workers.', optionsMarkdown('running'));
    this.assertSubstring('| `--pool threads\\|processes` | `pool` | `threads` |', optionsMarkdown('running'));
    this.assertSubstring('| `-e, --rterrors` |  |  |', optionsMarkdown('output'));
    this.assertSubstring("| `roots` | an array of folder names | `['test']` |", configMarkdown());
    this.assertSubstring('| `strictTodo` | true or false | `false` | Like `--strict-todo`. |', configMarkdown());
  }

  /** A block's body is replaced, whatever it held; text outside blocks is kept. */
  test_blocksReplaced(): void {
    const page = 'intro\n<!-- options:output -->\nstale\n<!-- /options -->\nend\n<!-- options:config -->\n<!-- /options -->\n';
    this.assertEqual(
      withGeneratedBlocks(page),
      `intro\n<!-- options:output -->\n${optionsMarkdown('output')}\n<!-- /options -->\nend\n<!-- options:config -->\n${configMarkdown()}\n<!-- /options -->\n`,
    );
  }

  /** A block that names no section is an error that says which. */
  test_unknownBlock(): void {
    const error = this.assertRaises(Error, withGeneratedBlocks, '<!-- options:outptu -->\n<!-- /options -->');
    this.assertSubstring('options:outptu', error.message);
  }
}
