/**
 * The composition root of the command line: parse arguments, load the config, run, and
 * turn every way of ending into an exit code — 0 passed, 1 a test failed, 2 bad usage
 * or config, 3 the run could not be carried out, 5 no tests, 130 interrupted — through
 * the one table of src/errors/errorKinds.ts. Errors the user can fix are printed as one
 * paragraph, never as a stack trace.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommanderError } from 'commander';
import { catchStrayRunnerErrors, onRunnerError, runAsRunner } from '../janitor/runnerContext';
import { ERROR_KINDS, EXIT, describeError, exitCodeForError } from '../errors/errorKinds';
import { registerTypeScript } from '../runner/loader/registerTypeScript';
import { loadConfig } from './config';
import { buildProgram, cliOptionsOf, type CliOptions } from './options';
import { resolveOptions } from './resolveOptions';
import { runSession } from './session';
import { helpReporters } from './helpReporters';
import { discardPrewarmedThread } from '../workers/threadPrewarm';

/** The package's version, from its package.json. */
export function packageVersion(): string {
  const manifest = path.resolve(__dirname, '..', '..', 'package.json');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** Output streams, injectable for tests. */
export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/**
 * Run the command line.
 *
 * @param argv - arguments after `node trial-ts`.
 * @param io - streams, environment and cwd.
 * @returns the exit code.
 */
export async function main(argv: string[], io: Io): Promise<number> {
  if (argv[0] === 'merge') {
    // loaded for the subcommand only: it brings every reporter and the coverage merge
    const { mergeCommand } = require('./mergeCommand') as typeof import('./mergeCommand');
    return mergeCommand(argv.slice(1), io);
  }
  const program = buildProgram(packageVersion());
  program.exitOverride();
  program.configureOutput({
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
    outputError: (text, write) => write(`trial-ts: ${text.replace(/^error: /, '')}`),
  });
  let tests: string[];
  let cli: CliOptions;
  try {
    program.parse(argv, { from: 'user' });
    tests = program.args;
    cli = cliOptionsOf(program);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    throw error;
  }
  if (cli.helpReporters === true) {
    io.stdout.write(helpReporters());
    return EXIT.ok;
  }
  try {
    registerTypeScript();
    const { config, file } = await loadConfig(cli.config, io.cwd);
    const resolved = resolveOptions(cli, config, io.env, io.stdout.isTTY === true, io.cwd, file);
    // Stray errors of the runner's own work (reporters, pipeline, sidecars) are bugs of
    // trial-ts, never a test's: the janitor hands them here (src/janitor/runnerContext.ts).
    const runnerErrors: unknown[] = [];
    const stopCollecting = onRunnerError((error) => runnerErrors.push(error));
    // With workers no janitor listens in this thread: without this, Node's crash (exit 1).
    const stopCatching = catchStrayRunnerErrors();
    try {
      const code = await runAsRunner(() => runSession(tests, resolved, io));
      if (runnerErrors.length === 0) return code;
      for (const error of runnerErrors) io.stderr.write(`trial-ts: ${describeError(error)}\n`);
      return ERROR_KINDS.internal.exitCode;
    } finally {
      stopCatching();
      stopCollecting();
    }
  } catch (error) {
    io.stderr.write(`trial-ts: ${describeError(error)}\n`);
    return exitCodeForError(error);
  } finally {
    await discardPrewarmedThread(); // started by bin/trial-ts.js (startEarlyWorker); unused by this run
  }
}
