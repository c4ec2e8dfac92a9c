/**
 * The commander program, made from the option table (optionTable.ts), and the reading of
 * what the command line gave. Values are validated by their kinds while parsing, so a bad
 * one is a usage error (exit 2) before anything runs.
 *
 * @packageDocumentation
 */
import { Command, Option } from 'commander';
import { optionRows, type CliOptions, type OptionName, type OptionSpec } from './optionTable';

export type { CliOptions } from './optionTable';
export { parseJobs, parseOrder, parseShardOption } from './optionKinds';

/** The `--help` line of a row: its help, and its default when the flag takes a value. */
function helpLine(spec: OptionSpec): string {
  const shown = spec.shownDefault ?? (typeof spec.default === 'number' || typeof spec.default === 'string' ? String(spec.default) : undefined);
  return spec.value !== undefined && shown !== undefined ? `${spec.help} (default ${shown})` : spec.help;
}

/** The commander option of a row. */
function commanderOption(flags: string, spec: OptionSpec): Option {
  const option = new Option(flags, helpLine(spec));
  if (spec.value?.choices !== undefined) option.choices(spec.value.choices);
  const parse = spec.value?.parse;
  if (parse !== undefined) option.argParser((text: string, previous: unknown) => parse(text, previous));
  return option;
}

/** Each flag's commander attribute (`rterrors`) and the row it belongs to (`realtimeErrors`). */
function flagRows(program: Command): Array<[attribute: string, name: OptionName]> {
  const byFlags = new Map(optionRows().flatMap(([name, spec]) => (spec.flags === undefined ? [] : [[spec.flags, name] as const])));
  return program.options.flatMap((option) => {
    const name = byFlags.get(option.flags);
    return name === undefined ? [] : [[option.attributeName(), name] as [string, OptionName]];
  });
}

/**
 * Build the commander program for `trial-ts [options] [tests...]`, one option per row of
 * the table.
 *
 * @param version - printed by `--version`.
 * @returns the program; read what it parsed with {@link cliOptionsOf}.
 * @example
 * ```ts
 * const program = buildProgram('1.0.0').parse(['-j', '2', 'test/'], { from: 'user' });
 * cliOptionsOf(program); // { jobs: 2 }
 * ```
 */
export function buildProgram(version: string): Command {
  const program = new Command('trial-ts')
    .usage('[options] [tests...]')
    .description(
      'Run class-based TestCase suites (TypeScript or JavaScript). A test is a file, a folder, ' +
        'file.ts:Class or file.ts:Class.testMethod; with none, the config roots (default test/) are searched.',
    )
    .argument('[tests...]', 'files, folders, file.ts:Class or file.ts:Class.testMethod')
    .version(version, '--version', 'print the version and exit');
  for (const [, spec] of optionRows()) {
    if (spec.flags !== undefined) program.addOption(commanderOption(spec.flags, spec));
  }
  return program.showHelpAfterError(false).allowExcessArguments(true);
}

/**
 * What the command line gave, by row name: only the options given, so that the config and
 * the table's defaults fill in the rest (commander's own defaults, such as `true` for
 * `--no-color`, are not taken).
 *
 * @param program - a program from {@link buildProgram}, after `parse`.
 * @returns the options given.
 */
export function cliOptionsOf(program: Command): CliOptions {
  const values = program.opts();
  const given: Record<string, unknown> = {};
  for (const [attribute, name] of flagRows(program)) {
    if (program.getOptionValueSource(attribute) === 'cli') given[name] = values[attribute];
  }
  return given as CliOptions;
}
