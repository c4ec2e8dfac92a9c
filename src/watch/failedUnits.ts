/**
 * The work units that re-run a run's failed tests (`f` in watch mode), from their ids:
 * `file:Class.method` narrows to the method, `file:Class` (a class-level error) to the
 * class, and a bare `file` (a load error) is the whole file.
 *
 * @packageDocumentation
 */
import * as path from 'node:path';
import type { WorkUnit } from '../runner/interfaces';
import { parseTestArgument } from '../runner/discovery';

/**
 * Group failed test ids into units of one file and class each, in first-seen order.
 *
 * @param ids - the failed tests' ids (files relative to `cwd`).
 * @param cwd - the run's cwd.
 * @returns the units to run.
 */
export function failedUnits(ids: Iterable<string>, cwd: string): WorkUnit[] {
  const units = new Map<string, WorkUnit>();
  for (const id of ids) {
    const { target, className, methodName } = parseTestArgument(id);
    const file = path.resolve(cwd, target);
    const key = className === undefined ? file : `${file}\0${className}`;
    const known = units.get(key);
    if (known === undefined) {
      units.set(key, { file, ...(className === undefined ? {} : { className }), ...(methodName === undefined ? {} : { methodNames: [methodName] }) });
    } else if (known.methodNames !== undefined) {
      // A whole-class entry (no methodNames) already covers every method.
      if (methodName === undefined) delete known.methodNames;
      else if (!known.methodNames.includes(methodName)) known.methodNames.push(methodName);
    }
  }
  // A whole file covers its classes.
  return [...units.values()].filter((unit) => unit.className === undefined || !units.has(unit.file));
}
