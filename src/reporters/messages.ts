/**
 * The user-facing messages of the reporters' command-line checks. Each says what is
 * wrong and how to fix it.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */

/** Messages of {@link ReporterSpecError}, by problem. */
export const REPORTER_MESSAGES = {
  emptyName: (spec: string) =>
    `--reporter '${spec}' names no reporter; write --reporter NAME or --reporter NAME:FILE (see --help-reporters).`,
  unknownName: (name: string, known: readonly string[]) =>
    `Unknown reporter '${name}'; choose one of ${known.join(', ')} (see --help-reporters).`,
  emptyPath: (name: string) => `--reporter ${name}: has no file after the colon; write --reporter ${name}:PATH, or just ${name} for stdout.`,
  notWritable: (name: string, path: string, why: string) =>
    `Cannot write the ${name} report to ${path}: ${why}; choose a path in a folder you can write to.`,
  twoOnStdout: (first: string, second: string) =>
    `The reporters ${first} and ${second} would both write to stdout; give one a file, e.g. --reporter ${second}:${second}.out.`,
  samePath: (first: string, second: string, path: string) =>
    `The reporters ${first} and ${second} would both write to ${path}; give each its own file.`,
  binaryToTerminal: (name: string) =>
    `The ${name} reporter writes binary data and stdout is a terminal; give it a file (--reporter ${name}:out.${name}) or pipe stdout.`,
} as const;

/** Text of `merge`'s problems with its input files. */
export const MERGE_MESSAGES = {
  noInputs: () => 'trial-ts merge needs at least one JSON events file (written with --reporter json:FILE).',
  unreadable: (file: string, why: string) => `Cannot read ${file}: ${why}; pass the files written by --reporter json:FILE.`,
  badLine: (file: string, line: number, why: string) =>
    `${file}:${line} is not a trial-ts JSON event (${why}); pass the files written by --reporter json:FILE.`,
  badVersion: (file: string, line: number, version: unknown, supported: number) =>
    `${file}:${line} has event version ${String(version)}, but this trial-ts reads version ${supported}; merge with the trial-ts that wrote it.`,
} as const;
