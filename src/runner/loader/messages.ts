/**
 * Messages the TypeScript loader gives users, as one table: each says what happened and
 * what to do about it.
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */

/** The loader's user-facing messages. */
export const messages = {
  tsconfigUnreadable: (file: string, reason: string) =>
    `Cannot read ${file}: ${reason}. trial-ts reads the nearest tsconfig.json to compile each ` +
    'TypeScript file (paths, jsx, decorators, target); fix the file, or check it with `npx tsc -p <that file> --noEmit`.',
  tsconfigNotAnObject: 'its top level is not a JSON object',
  tsconfigSyntax: (detail: string) => `it is not valid JSON with comments (${detail})`,
} as const;
