/**
 * Checks STYLE.md R3 and R4 over every file of src/ and of the runtime package
 * (packages/runtime/src): the pure files import nothing from Node (directly or through
 * what they import, across into the runtime), imports between areas follow the allowed
 * edges of test/importBoundaries.table.ts, and the runtime depends on nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import {
  ALLOWED_EDGES,
  areaOf,
  NAMED_PURE_FILES,
  PURE_PATTERNS,
  readSource,
  resolveRelative,
  RUNTIME_DOOR,
  RUNTIME_NODE_FILES,
  RUNTIME_SRC,
  SRC,
  sourceFiles,
  type EdgeRule,
  type FoundImport,
} from './importBoundaries.table';

interface Edge {
  from: string;
  to: string;
  found: FoundImport;
}

/** Every import from one src/ file to another, resolved (computed once). */
let edgesCache: Edge[] | undefined;
function edges(): Edge[] {
  edgesCache ??= sourceFiles().flatMap((from) =>
    readSource(path.join(SRC, from))
      .imports.filter((found) => found.specifier.startsWith('.'))
      .flatMap((found) => {
        const to = resolveRelative(from, found.specifier);
        return to === null ? [] : [{ from, to, found }];
      }),
  );
  return edgesCache;
}

function isPure(file: string): boolean {
  return PURE_PATTERNS.some((pattern) => pattern.test(file));
}

/** A source file in one of the two source folders. */
interface Place {
  root: string;
  file: string;
}

const label = (place: Place): string => path.relative(path.dirname(SRC), path.join(place.root, place.file));

/**
 * Whether everything the given files import as a value is Node-free, all the way down.
 * {@link RUNTIME_DOOR} is followed into the runtime's source; any other package is an offence.
 */
function nodeFreeOffenders(start: Place[]): { offenders: string[]; seen: Set<string> } {
  const offenders: string[] = [];
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const place = queue.shift()!;
    const source = path.join(place.root, `${place.file.replace(/\.(m|c)?ts$/, '')}.ts`);
    if (seen.has(source) || !fs.existsSync(source)) continue;
    seen.add(source);
    const { imports, nodeGlobals } = readSource(source);
    for (const found of imports) {
      if (found.typeOnly) continue;
      if (found.specifier === RUNTIME_DOOR) queue.push({ root: RUNTIME_SRC, file: 'internal.ts' });
      else if (!found.specifier.startsWith('.')) offenders.push(`${label(place)}:${found.line} imports '${found.specifier}'`);
      else {
        const target = resolveRelative(place.file, found.specifier, place.root);
        if (target !== null) queue.push({ root: place.root, file: `${target}.ts` });
      }
    }
    for (const use of nodeGlobals) offenders.push(`${label(place)}:${use.line} uses ${use.name}`);
  }
  return { offenders, seen };
}

function ruleMatches(rule: EdgeRule, to: string, typeOnly: boolean): boolean {
  const target = rule.to.includes('/') ? to === rule.to : to.startsWith(rule.to + '/');
  return target && (!rule.typeOnly || typeOnly);
}

function describe(edge: Edge): string {
  return `src/${edge.from}:${edge.found.line} imports '${edge.found.specifier}'${edge.found.typeOnly ? ' (types)' : ''}`;
}

export class PureFilesTests extends SynchronousTestCase {
  /** The pure files named in the table exist, so the rule checks real files. */
  test_namedPureFilesExist(): void {
    const missing = NAMED_PURE_FILES.filter((file) => !fs.existsSync(path.join(SRC, file)));
    this.assertEqual(missing, []);
    this.assertTrue(sourceFiles().filter(isPure).length >= NAMED_PURE_FILES.length + 10);
  }

  /** Pure files import no package but the runtime's pure door, and nothing from node:, not even types. */
  test_pureFilesImportNoPackage(): void {
    const offenders = sourceFiles()
      .filter(isPure)
      .flatMap((file) =>
        readSource(path.join(SRC, file))
          .imports.filter((found) => !found.specifier.startsWith('.') && found.specifier !== RUNTIME_DOOR)
          .map((found) => `src/${file}:${found.line} imports '${found.specifier}'`),
      );
    this.assertEqual(offenders, []);
  }

  /** Pure files use neither the `process` nor the `Buffer` global. */
  test_pureFilesUseNoNodeGlobals(): void {
    const offenders = sourceFiles()
      .filter(isPure)
      .flatMap((file) => readSource(path.join(SRC, file)).nodeGlobals.map((use) => `src/${file}:${use.line} uses ${use.name}`));
    this.assertEqual(offenders, []);
  }

  /** What a pure file imports as a value is Node-free too, all the way down (into the runtime). */
  test_pureFilesTransitivelyNodeFree(): void {
    const { offenders, seen } = nodeFreeOffenders(sourceFiles().filter(isPure).map((file) => ({ root: SRC, file })));
    this.assertEqual(offenders, []);
    this.assertTrue(seen.has(path.join(SRC, 'unittest', 'errors.ts')), 'runner/outcome.ts reaches unittest/errors.ts');
    this.assertTrue(seen.has(path.join(RUNTIME_SRC, 'defer', 'deferred.ts')), 'the fakes reach the runtime through its door');
  }

  /** The reader finds the forms of import it is meant to find, and ignores comments and names. */
  test_readerFindsEveryForm(): void {
    const file = path.join(this.mktemp() + '.ts');
    fs.writeFileSync(
      file,
      [
        "import a from 'value-default';",
        "import type { B } from 'type-only';",
        "import { type C } from 'all-type-specifiers';",
        "import { type D, e } from 'mixed';",
        "import 'side-effect';",
        "export { f } from 'reexport';",
        "export type { G } from 'reexport-type';",
        "const h = require('required');",
        "const i = import('dynamic');",
        "type J = typeof import('import-type');",
        "// import k from 'in-a-comment';",
        "/** @example import l from 'in-a-doc'; process.exit(1) */",
        'const m = { process: 1 }; m.process; Buffer.from("x"); process.env;',
      ].join('\n'),
    );
    const { imports, nodeGlobals } = readSource(file);
    this.assertEqual(
      imports.map((found) => [found.specifier, found.typeOnly]),
      [
        ['value-default', false],
        ['type-only', true],
        ['all-type-specifiers', true],
        ['mixed', false],
        ['side-effect', false],
        ['reexport', false],
        ['reexport-type', true],
        ['required', false],
        ['dynamic', false],
        ['import-type', true],
      ],
    );
    this.assertEqual(nodeGlobals.map((use) => [use.name, use.line]), [
      ['Buffer', 13],
      ['process', 13],
    ]);
  }
}

export class AreaEdgesTests extends SynchronousTestCase {
  /** Every import from one area into another matches an allowed edge. */
  test_importsFollowAllowedEdges(): void {
    const offenders = edges()
      .filter((edge) => {
        const from = areaOf(edge.from);
        const to = areaOf(edge.to);
        if (from === '' || from === 'cli' || from === to) return false;
        return !ALLOWED_EDGES[from].some((rule) => ruleMatches(rule, edge.to, edge.found.typeOnly));
      })
      .map(describe);
    this.assertEqual(offenders, []);
  }

  /** workers never import unittest: workers load test code by path (R4). */
  test_workersNeverImportUnittest(): void {
    this.assertEqual(edges().filter((e) => areaOf(e.from) === 'workers' && areaOf(e.to) === 'unittest').map(describe), []);
    this.assertFalse(ALLOWED_EDGES.workers.some((rule) => rule.to.startsWith('unittest')));
  }

  /** Only the public index imports the full runtime (it loads the real reactor); the rest of src/ uses the pure door. */
  test_runtimeThroughItsDoor(): void {
    const full = sourceFiles().flatMap((file) =>
      readSource(path.join(SRC, file))
        .imports.filter((found) => found.specifier === '@trial-ts/runtime')
        .map(() => file),
    );
    this.assertEqual([...new Set(full)], ['index.ts']);
  }

  /** Nothing imports cli but the public index. */
  test_topLayer(): void {
    this.assertEqual(edges().filter((e) => areaOf(e.to) === 'cli' && !['', 'cli'].includes(areaOf(e.from))).map(describe), []);
  }

  /** Every single-module edge in the table is in use (by some area sharing it), so the table says what the code does. */
  test_namedEdgesAreUsed(): void {
    const used = new Set<EdgeRule>();
    for (const edge of edges()) {
      const from = areaOf(edge.from);
      if (from === '' || from === 'cli') continue;
      for (const rule of ALLOWED_EDGES[from]) if (ruleMatches(rule, edge.to, edge.found.typeOnly)) used.add(rule);
    }
    const unused = Object.entries(ALLOWED_EDGES).flatMap(([from, rules]) =>
      rules.filter((rule) => rule.to.includes('/') && !used.has(rule)).map((rule) => `${from} → ${rule.to}`),
    );
    this.assertEqual(unused, []);
  }

  /** An area rule covers its modules; a module rule only that module; a type-only rule refuses value imports. */
  test_ruleMatching(): void {
    this.assertTrue(ruleMatches({ to: 'defer' }, 'defer/errors', false));
    this.assertFalse(ruleMatches({ to: 'defer' }, 'deferred/x', false));
    this.assertTrue(ruleMatches({ to: 'runner/events' }, 'runner/events', false));
    this.assertFalse(ruleMatches({ to: 'runner/events' }, 'runner/eventsExtra', false));
    this.assertTrue(ruleMatches({ to: 'sidecar/interfaces', typeOnly: true }, 'sidecar/interfaces', true));
    this.assertFalse(ruleMatches({ to: 'sidecar/interfaces', typeOnly: true }, 'sidecar/interfaces', false));
  }

  /** Every relative import resolves to a file that exists. */
  test_relativeImportsResolve(): void {
    const broken = edges()
      .filter((e) => !['.ts', '.mts', '.cts', '.js'].some((ext) => fs.existsSync(path.join(SRC, e.to + ext))))
      .map(describe);
    this.assertEqual(broken, []);
  }
}

/** The runtime package: production code installs it, so it depends on nothing. */
export class RuntimePackageTests extends SynchronousTestCase {
  /** Its package.json declares no dependency of any kind. */
  test_manifestHasNoDependencies(): void {
    const manifest = JSON.parse(fs.readFileSync(path.join(RUNTIME_SRC, '..', 'package.json'), 'utf8')) as Record<string, unknown>;
    this.assertEqual(manifest.name, '@trial-ts/runtime');
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies']) this.assertEqual(manifest[field], undefined, field);
  }

  /** Its source imports no package, only Node's built-ins (and those only in the real reactor's files). */
  test_importsNoPackage(): void {
    const found = sourceFiles(RUNTIME_SRC).flatMap((file) =>
      readSource(path.join(RUNTIME_SRC, file))
        .imports.filter((entry) => !entry.specifier.startsWith('.'))
        .map((entry) => ({ file, specifier: entry.specifier })),
    );
    this.assertEqual(found.filter((entry) => !entry.specifier.startsWith('node:')), []);
    this.assertEqual(found.filter((entry) => !RUNTIME_NODE_FILES.includes(entry.file)), []);
    this.assertTrue(found.length > 0, 'the reactor imports node:net');
  }

  /** Every file but the real reactor's is Node-free, all the way down; the door among them. */
  test_pureFilesTransitivelyNodeFree(): void {
    const pure = sourceFiles(RUNTIME_SRC).filter((file) => !RUNTIME_NODE_FILES.includes(file));
    this.assertIn('internal.ts', pure);
    this.assertEqual(nodeFreeOffenders(pure.map((file) => ({ root: RUNTIME_SRC, file }))).offenders, []);
  }

  /** Its defer/ imports nothing of internet/: Deferreds stand on their own. */
  test_deferStandsAlone(): void {
    const offenders = sourceFiles(RUNTIME_SRC)
      .filter((file) => file.startsWith('defer/'))
      .flatMap((file) =>
        readSource(path.join(RUNTIME_SRC, file))
          .imports.filter((found) => found.specifier.startsWith('.'))
          .map((found) => resolveRelative(file, found.specifier, RUNTIME_SRC))
          .filter((target) => target !== null && !target.startsWith('defer/') && target !== 'keys')
          .map((target) => `${file} imports ${target}`),
      );
    this.assertEqual(offenders, []);
  }
}
