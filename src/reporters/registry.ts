/**
 * The table of reporters: `--reporter NAME` looks names up here and `--help-reporters`
 * prints it. Each reporter's module is loaded when it is opened: a run uses one or two of
 * the nine, and loading them all cost every run's start ~30 modules.
 *
 * @packageDocumentation
 */
import type { ReporterContext, ReporterEntry, ReporterFactory } from './interfaces';

const LOADERS = {
  dots: () => (require('./dots') as typeof import('./dots')).dots,
  github: () => (require('./github') as typeof import('./github')).github,
  json: () => (require('./json') as typeof import('./json')).json,
  junit: () => (require('./junit') as typeof import('./junit')).junit,
  subunit: () => (require('./subunit') as typeof import('./subunit')).subunit,
  tap: () => (require('./tap') as typeof import('./tap')).tap,
  text: () => (require('./text') as typeof import('./text')).text,
  tree: () => (require('./tree') as typeof import('./tree')).tree,
  verbose: () => (require('./verbose') as typeof import('./verbose')).verbose,
} satisfies Record<string, () => ReporterFactory>;

/** The reporter's factory, its module loaded on the first call. */
function loadedOnUse(name: keyof typeof LOADERS): ReporterFactory {
  return (context: ReporterContext) => LOADERS[name]()(context);
}

/** Every reporter, by the name `--reporter` takes. */
export const reporters = {
  tree: { factory: loadedOnUse('tree'), description: "Trial's tree: file, class, then each test with its result (the default)." },
  verbose: { factory: loadedOnUse('verbose'), description: 'One line per test: its full id and its result.' },
  text: { factory: loadedOnUse('text'), description: 'One character per test (. F E S T !), then the summary.' },
  dots: { factory: loadedOnUse('dots'), description: 'Compact: characters wrapped at the terminal width; details of failures only.' },
  json: { factory: loadedOnUse('json'), description: 'Newline-delimited JSON events (docs/json-events.md); the input of trial-ts merge.' },
  junit: { factory: loadedOnUse('junit'), description: 'JUnit XML for Jenkins, GitLab, CircleCI and GitHub; usually junit:FILE.' },
  tap: { factory: loadedOnUse('tap'), description: 'TAP version 14 (prove, tap-parser).' },
  subunit: { factory: loadedOnUse('subunit'), description: 'subunit v2 binary stream for python-subunit tools; needs a file or a pipe.', binary: true },
  github: {
    factory: loadedOnUse('github'),
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
