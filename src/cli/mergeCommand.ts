/**
 * `trial-ts merge [options] FILE...`: combine the JSON event files of several shards into
 * one report through any reporters, and one durations file.
 *
 * @packageDocumentation
 */
import { Command, CommanderError } from 'commander';
import { parseReporterSpec } from '../reporters/index';
import { EXIT } from '../runner/summary';
import { runMerge } from './merge';
import type { Io } from './main';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Run the merge subcommand.
 *
 * @param argv - arguments after `merge`.
 * @param io - streams, environment and cwd.
 * @returns the exit code of the merged run (0, 1, 5), or 2 for bad usage.
 */
export async function mergeCommand(argv: string[], io: Io): Promise<number> {
  const program = new Command('trial-ts merge')
    .usage('[options] FILE...')
    .description('Merge the JSON event files of several shards (--reporter json:FILE) into one report.')
    .argument('<files...>', 'JSON event files, in order')
    .option('--reporter <name[:file]>', 'reporter to use, repeatable (default tree)', collect, [] as string[])
    .option('--durations-file <path>', 'merge the shards’ durations into this file')
    .option('--allow-empty', 'exit 0 when the files hold no tests', false)
    .option('--no-color', 'no ANSI colours')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`trial-ts merge: ${text.replace(/^error: /, '')}`),
    });
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.code === 'commander.helpDisplayed' ? EXIT.ok : EXIT.usage;
    throw error;
  }
  const options = program.opts<{ reporter: string[]; durationsFile?: string; allowEmpty: boolean; color: boolean }>();
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  try {
    const specs = (options.reporter.length > 0 ? options.reporter : ['tree']).map(parseReporterSpec);
    const result = await runMerge({
      inputs: program.args,
      reporters: specs,
      context: {
        write: (chunk) => io.stdout.write(chunk),
        isTTY: io.stdout.isTTY === true,
        color: options.color && !noColor && io.stdout.isTTY === true,
        columns: io.stdout.columns ?? 80,
        cwd: io.cwd,
        options: { realtimeErrors: false, durations: 0 },
        env: io.env,
      },
      durationsFile: options.durationsFile,
      allowEmpty: options.allowEmpty,
    });
    return result.exitCode;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'TRIAL_USAGE') throw error;
    io.stderr.write(`trial-ts merge: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
}
