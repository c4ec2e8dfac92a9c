/**
 * Turns anything thrown into the plain {@link SerializedError} of the event protocol:
 * the stack source-mapped (by Node) and trimmed of runner frames, the first user frame as
 * a location, and assertion diffs and leak lists carried along. Runs in the thread where
 * the error happened, before anything crosses to the main process.
 *
 * @packageDocumentation
 */
import { inspect, types } from 'node:util';
import * as path from 'node:path';
import type { LeakReport, SerializedError } from './events';
import { firstUserLocation, trimStack } from './stack';
import { isFailure } from '@trial-ts/runtime/internal';

const MAX_CAUSE_DEPTH = 4;

function stringProperty(value: object, key: string): string | undefined {
  const property = (value as Record<string, unknown>)[key];
  return typeof property === 'string' && property !== '' ? property : undefined;
}

/**
 * Node's "Cannot find module" lists the whole require stack, most of it trial-ts's own
 * loader; keep only the file that did the importing.
 */
function withoutRunnerRequireStack(text: string): string {
  const marker = text.indexOf('\nRequire stack:\n- ');
  if (marker === -1) return text;
  const rest = text.slice(marker + '\nRequire stack:\n- '.length);
  const importer = rest.split('\n')[0];
  const after = rest.split('\n').findIndex((line) => !line.startsWith('- ') && line !== importer);
  const tail = after === -1 ? '' : '\n' + rest.split('\n').slice(after).join('\n');
  return `${text.slice(0, marker)} (imported from ${importer})${tail}`;
}

/**
 * Serialize a thrown value.
 *
 * @param thrown - an Error, a Failure-like `{ value }`, or any value.
 * @param cwd - the run's cwd, for relative locations.
 */
export function serializeError(thrown: unknown, cwd: string, depth = 0): SerializedError {
  if (isFailure(thrown)) {
    return serializeError((thrown as { value: unknown }).value, cwd, depth);
  }
  if (!(thrown instanceof Error) && !types.isNativeError(thrown)) {
    const text = typeof thrown === 'string' ? thrown : inspect(thrown, { depth: 3 });
    return { name: typeof thrown === 'object' && thrown !== null ? 'Object' : typeof thrown, message: text, stack: '' };
  }
  const error = thrown as Error;
  const rawStack = typeof error.stack === 'string' ? error.stack : '';
  const relative = (text: string): string => text.split(cwd + path.sep).join('');
  const stack = trimStack(rawStack, cwd);
  const serialized: SerializedError = {
    name: error.name || error.constructor?.name || 'Error',
    message: relative(withoutRunnerRequireStack(error.message)),
    stack: withoutRunnerRequireStack(stack),
  };
  const code = stringProperty(error, 'code');
  if (code !== undefined) serialized.code = code;
  const diff = stringProperty(error, 'diff');
  if (diff !== undefined) serialized.diff = relative(diff);
  const location = firstUserLocation(rawStack, cwd);
  if (location !== undefined) serialized.location = location;
  const leaks = (error as { leaks?: unknown }).leaks;
  if (Array.isArray(leaks)) serialized.leaks = (leaks as LeakReport[]).map((leak) => ({ ...leak, description: relative(leak.description) }));
  if (error.cause !== undefined && depth < MAX_CAUSE_DEPTH) {
    serialized.cause = serializeError(error.cause, cwd, depth + 1);
  }
  return serialized;
}
