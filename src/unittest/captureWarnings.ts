/**
 * Synchronous capture of the warnings a function emits, for `assertWarns`.
 *
 * @packageDocumentation
 */

/** A warning class, such as a subclass of `Error` named `MyDeprecationWarning`. */
export type WarningClass = abstract new (...args: never[]) => Error;

/** One warning emitted through `process.emitWarning`, normalized. */
export interface EmittedWarning {
  /** The warning's type, e.g. `DeprecationWarning`, or `Warning` when none was given. */
  readonly name: string;
  readonly message: string;
  /** The warning itself when an `Error` was emitted. */
  readonly error?: Error;
  /** The arguments `process.emitWarning` got, to emit it again unchanged. */
  readonly args: readonly unknown[];
}

/**
 * Runs `fn` with `process.emitWarning` replaced by a recorder, then restores whatever was
 * there before (so a runner's own capture, or an outer `assertWarns`, keeps working).
 * Node's deprecations (`util.deprecate`, `DEP0005`, …) go through `process.emitWarning`
 * too, so they are seen; warnings emitted after `fn` returns are not.
 *
 * @param fn - the code under test, called with no arguments.
 * @returns `fn`'s result and the warnings, in order.
 * @throws whatever `fn` throws, after emitting the captured warnings for real.
 * @internal
 */
export function captureWarnings<R>(fn: () => R): { result: R; warnings: EmittedWarning[] } {
  const warnings: EmittedWarning[] = [];
  const original = process.emitWarning;
  process.emitWarning = function recordWarning(...args: unknown[]): void {
    warnings.push(normalize(args));
  } as typeof process.emitWarning;
  let result: R;
  try {
    result = fn();
  } catch (error) {
    process.emitWarning = original;
    emitAgain(warnings);
    throw error;
  }
  process.emitWarning = original;
  return { result, warnings };
}

/**
 * Emits warnings again through the current `process.emitWarning`, unchanged.
 *
 * @param warnings - warnings captured by {@link captureWarnings} that nobody asserted.
 * @internal
 */
export function emitAgain(warnings: readonly EmittedWarning[]): void {
  for (const warning of warnings) {
    (process.emitWarning as (...args: unknown[]) => void)(...warning.args);
  }
}

/**
 * Whether `warning` is of `category`: the same type name, or an instance of the class.
 *
 * @param warning - a captured warning.
 * @param category - a warning type name (`'DeprecationWarning'`) or a warning class.
 * @returns `true` when it matches.
 * @internal
 */
export function isOfCategory(warning: EmittedWarning, category: string | WarningClass): boolean {
  if (typeof category === 'string') return warning.name === category;
  return (warning.error !== undefined && warning.error instanceof category) || warning.name === category.name;
}

/**
 * Renders a captured warning as Node prints one: `DeprecationWarning: message`.
 *
 * @param warning - a captured warning.
 * @returns the one-line rendering.
 * @internal
 */
export function formatWarning(warning: EmittedWarning): string {
  return `${warning.name}: ${warning.message}`;
}

function normalize(args: unknown[]): EmittedWarning {
  const [warning, typeOrOptions] = args;
  if (warning instanceof Error) return { name: warning.name, message: warning.message, error: warning, args };
  let name = 'Warning';
  if (typeof typeOrOptions === 'string') name = typeOrOptions;
  else if (typeof typeOrOptions === 'object' && typeOrOptions !== null) {
    const type = (typeOrOptions as { type?: unknown }).type;
    if (typeof type === 'string') name = type;
  }
  return { name, message: String(warning), args };
}
