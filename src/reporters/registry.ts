/**
 * The table of reporters: `--reporter NAME` looks names up here and `--help-reporters`
 * prints it.
 *
 * @packageDocumentation
 */
import { dots } from './dots';
import { github } from './github';
import type { ReporterEntry } from './interfaces';
import { json } from './json';
import { junit } from './junit';
import { subunit } from './subunit';
import { tap } from './tap';
import { text } from './text';
import { tree } from './tree';
import { verbose } from './verbose';

/** Every reporter, by the name `--reporter` takes. */
export const reporters = {
  tree: { factory: tree, description: "Trial's tree: file, class, then each test with its result (the default)." },
  verbose: { factory: verbose, description: 'One line per test: its full id and its result.' },
  text: { factory: text, description: 'One character per test (. F E S T !), then the summary.' },
  dots: { factory: dots, description: 'Compact: characters wrapped at the terminal width; details of failures only.' },
  json: { factory: json, description: 'Newline-delimited JSON events (docs/json-events.md); the input of trial-ts merge.' },
  junit: { factory: junit, description: 'JUnit XML for Jenkins, GitLab, CircleCI and GitHub; usually junit:FILE.' },
  tap: { factory: tap, description: 'TAP version 14 (prove, tap-parser).' },
  subunit: { factory: subunit, description: 'subunit v2 binary stream for python-subunit tools; needs a file or a pipe.', binary: true },
  github: {
    factory: github,
    description: 'GitHub Actions annotations and step summary; added automatically when GITHUB_ACTIONS=true.',
    sharesStdout: true,
  },
} satisfies Record<string, ReporterEntry>;

/** The name of a built-in reporter. */
export type ReporterName = keyof typeof reporters;

/** `name` is a built-in reporter. */
export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(reporters, name);
}

/**
 * The lines `--help-reporters` prints under its heading: each name padded, then its
 * description.
 *
 * @returns lines without newlines.
 */
export function reporterHelpLines(): string[] {
  const entries = Object.entries(reporters) as [ReporterName, ReporterEntry][];
  const width = Math.max(...entries.map(([name]) => name.length));
  return entries.map(([name, entry]) => `  ${name.padEnd(width)}  ${entry.description}`);
}
