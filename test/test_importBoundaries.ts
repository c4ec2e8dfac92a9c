/**
 * Checks STYLE.md R3 and R4 over every file of src/: the pure files import nothing from
 * Node (directly or through what they import), and imports between areas follow the
 * allowed edges of test/importBoundaries.table.ts.
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

  /** Pure files import no package and nothing from node:, not even types. */
  test_pureFilesImportNoPackage(): void {
    const offenders = sourceFiles()
      .filter(isPure)
      .flatMap((file) =>
        readSource(path.join(SRC, file))
          .imports.filter((found) => !found.specifier.startsWith('.'))
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

  /** What a pure file imports as a value is Node-free too, all the way down. */
  test_pureFilesTransitivelyNodeFree(): void {
    const offenders: string[] = [];
    const seen = new Set<string>();
    const queue = sourceFiles().filter(isPure);
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const source = path.join(SRC, `${file.replace(/\.(m|c)?ts$/, '')}.ts`);
      if (!fs.existsSync(source)) continue;
      const { imports, nodeGlobals } = readSource(source);
      for (const found of imports) {
        if (found.typeOnly) continue;
        if (!found.specifier.startsWith('.')) offenders.push(`src/${file}:${found.line} imports '${found.specifier}'`);
        else {
          const target = resolveRelative(file, found.specifier);
          if (target !== null) queue.push(`${target}.ts`);
        }
      }
      for (const use of nodeGlobals) offenders.push(`src/${file}:${use.line} uses ${use.name}`);
    }
    this.assertEqual(offenders, []);
    this.assertTrue(seen.has('unittest/errors.ts'), 'runner/outcome.ts reaches unittest/errors.ts');
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

  /** defer imports no other area, and nothing imports cli but the public index. */
  test_topAndBottomLayers(): void {
    this.assertEqual(edges().filter((e) => areaOf(e.from) === 'defer' && areaOf(e.to) !== 'defer').map(describe), []);
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
