/**
 * `trial-ts merge [options] FILE...`: combine the JSON event files of several shards into
 * one report through any reporters, and one durations file.
 *
 * @packageDocumentation
 */
import { Command, CommanderError } from 'commander';
import { parseReporterSpec } from '../reporters/reporterSpec';
import { EXIT, describeError, exitCodeForError } from '../errors/errorKinds';
import { runMerge } from './merge';
import { resolveCoverage, type CoverageCliOptions } from '../coverage/resolveCoverage';
import type { ResolvedCoverage } from '../coverage/interfaces';
import type { Io } from './main';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--coverage-from`: one coverage report over every shard's raw data; returns the thresholds missed. */
async function mergeCoverage(files: string[], settings: ResolvedCoverage, io: Io): Promise<number> {
  const { readRawReports, reportRawCoverage } = require('../coverage/reportRawCoverage') as typeof import('../coverage/reportRawCoverage');
  return (await reportRawCoverage(readRawReports(files, io.cwd), settings, io)).length;
}

/**
 * Run the merge subcommand.
 *
 * @param argv - arguments after `merge`.
 * @param io - streams, environment and cwd.
 * @returns the exit code of the merged run (0, 1, 5), or that of the error that stopped it (2 bad usage, 3 an unwritable folder or a bug).
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
    .option('--coverage-from <file>', 'also merge the coverage-v8.json of each shard into one coverage report, repeatable', collect, [] as string[])
    .option('--coverage-reporter <name>', 'coverage report for --coverage-from (default text), repeatable', collect, [] as string[])
    .option('--coverage-dir <dir>', 'where the merged coverage reports go (default coverage)')
    .option('--coverage-threshold <key=n>', 'fail (exit 1) below N% of the merged coverage, repeatable', collect, [] as string[])
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
  const options = program.opts<{ reporter: string[]; durationsFile?: string; allowEmpty: boolean; color: boolean; coverageFrom: string[] } & CoverageCliOptions>();
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  try {
    // Checked before anything is merged: a bad reporter or threshold is a usage error.
    const coverage = options.coverageFrom.length === 0 ? undefined : resolveCoverage({ ...options, coverage: true }, undefined, io.cwd)!;
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
    if (coverage === undefined) return result.exitCode;
    const missed = await mergeCoverage(options.coverageFrom, coverage, io);
    return missed > 0 && result.exitCode === EXIT.ok ? EXIT.testsFailed : result.exitCode;
  } catch (error) {
    io.stderr.write(`trial-ts merge: ${describeError(error)}\n`);
    return exitCodeForError(error);
  }
}
