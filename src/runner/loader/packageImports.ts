/**
 * Resolves a package.json `imports` specifier (`#lib/util.js`) to the file its mapping
 * names, the way Node does (exact keys, then the longest `*` pattern; condition objects
 * and fallback arrays). Node does this itself; the loader needs it only after Node has
 * failed, to try the TypeScript twin of a `.js` target that does not exist.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The nearest package.json above `folder` (Node's "package scope"), if any. */
function packageScope(folder: string): string | undefined {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) return manifest;
    if (path.dirname(dir) === dir || path.basename(dir) === 'node_modules') return undefined;
  }
}

/** The mapping for `specifier`: an exact key, else the pattern with the longest prefix. */
function matchKey(imports: Record<string, unknown>, specifier: string): { target: unknown; star?: string } | undefined {
  if (!specifier.includes('*') && Object.hasOwn(imports, specifier)) return { target: imports[specifier] };
  let best: { target: unknown; star: string; prefix: number; length: number } | undefined;
  for (const [key, target] of Object.entries(imports)) {
    const star = key.indexOf('*');
    if (star === -1 || star !== key.lastIndexOf('*')) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (specifier.length < key.length || !specifier.startsWith(prefix) || !specifier.endsWith(suffix)) continue;
    if (best !== undefined && (prefix.length < best.prefix || (prefix.length === best.prefix && key.length <= best.length))) continue;
    best = { target, star: specifier.slice(prefix.length, specifier.length - suffix.length), prefix: prefix.length, length: key.length };
  }
  return best;
}

/** The first string target the conditions select (objects in key order, arrays in order). */
function selectTarget(target: unknown, conditions: readonly string[]): string | undefined {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const item of target) {
      const selected = selectTarget(item, conditions);
      if (selected !== undefined) return selected;
    }
    return undefined;
  }
  if (typeof target !== 'object' || target === null) return undefined;
  for (const [condition, value] of Object.entries(target)) {
    if (condition !== 'default' && !conditions.includes(condition)) continue;
    const selected = selectTarget(value, conditions);
    if (selected !== undefined) return selected;
  }
  return undefined;
}

/**
 * The file a `#` specifier maps to in the importer's package.json.
 *
 * @param specifier - e.g. `#lib/util.js`.
 * @param parentFile - absolute path of the importing file.
 * @param conditions - the active conditions (`import` or `require`, `node`, ...).
 * @returns the absolute path the mapping names (which may not exist), or undefined when
 *   there is no mapping or it names a package rather than a file of this one.
 */
export function resolvePackageImport(specifier: string, parentFile: string, conditions: readonly string[]): string | undefined {
  const manifest = packageScope(path.dirname(parentFile));
  if (manifest === undefined) return undefined;
  let imports: unknown;
  try {
    imports = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { imports?: unknown }).imports;
  } catch {
    return undefined;
  }
  if (typeof imports !== 'object' || imports === null || Array.isArray(imports)) return undefined;
  const match = matchKey(imports as Record<string, unknown>, specifier);
  const target = match === undefined ? undefined : selectTarget(match.target, conditions);
  if (target === undefined || !target.startsWith('./')) return undefined;
  const file = match!.star === undefined ? target : target.split('*').join(match!.star);
  return path.resolve(path.dirname(manifest), file);
}
