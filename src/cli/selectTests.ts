// PROVISIONAL
import type { TestDescription } from '../runner/events';
import type { WorkUnit } from '../runner/interfaces';
import type { ResolvedConfig } from './resolveOptions';
import * as path from 'node:path';
export function selectTests(tests: TestDescription[], config: ResolvedConfig, _d: Map<string, number>, lastFailed?: Set<string>): { units: WorkUnit[]; count: number } {
  const chosen = lastFailed ? tests.filter((t) => lastFailed.has(t.id)) : tests;
  const units = new Map<string, WorkUnit>();
  for (const t of chosen) {
    const key = `${t.file}:${t.className}`;
    const u = units.get(key) ?? { file: path.resolve(config.cwd, t.file), className: t.className, methodNames: [] };
    u.methodNames!.push(t.methodName);
    units.set(key, u);
  }
  return { units: [...units.values()], count: chosen.length };
}
