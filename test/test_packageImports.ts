/**
 * Checks STYLE.md R22 over src/ and bin/: every bare import (static, `require`, dynamic
 * `import()`, type positions) names a package declared in package.json, Node's built-ins
 * are always imported as `node:`, every declared dependency is used, and an optional peer
 * dependency is loaded by its one loader module only.
 */
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { readSource, SRC, sourceFiles, type FoundImport } from './importBoundaries.table';

const ROOT = path.resolve(__dirname, '..');
const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};

/** The one module that loads each optional peer dependency (and turns its absence into a setup error). */
const PEER_LOADERS: Record<string, string> = { pg: 'src/sidecar/pgModule.ts' };

/** Declared dependencies that src/ need not import, with the reason. */
const USED_ELSEWHERE: Record<string, string> = {};

/** The package a bare specifier names: `@scope/name` or `name`, without a subpath. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function isBare(specifier: string): boolean {
  return !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.startsWith('node:');
}

/** Every bare import of the shipped code (src/ and bin/), with where it is. */
function bareImports(): Array<FoundImport & { file: string }> {
  const files = [
    ...sourceFiles().map((file) => path.join(SRC, file)),
    ...fs.readdirSync(path.join(ROOT, 'bin')).map((file) => path.join(ROOT, 'bin', file)),
  ];
  return files.flatMap((file) =>
    readSource(file)
      .imports.filter((found) => isBare(found.specifier))
      .map((found) => ({ ...found, file: path.relative(ROOT, file) })),
  );
}

export class PackageImportsTests extends SynchronousTestCase {
  /** The scan sees the shipped code's known packages, so an empty result below means something. */
  test_scanFindsImports(): void {
    const packages = new Set(bareImports().map((found) => packageOf(found.specifier)));
    for (const name of ['commander', 'fast-glob', '@swc/core']) this.assertIn(name, packages);
  }

  /** Every bare import names a declared dependency (a type-only import may name a devDependency). */
  test_everyImportDeclared(): void {
    const dependencies = MANIFEST.dependencies ?? {};
    const devDependencies = MANIFEST.devDependencies ?? {};
    const undeclared = bareImports()
      .filter((found) => !builtinModules.includes(packageOf(found.specifier)))
      .filter((found) => {
        const name = packageOf(found.specifier);
        if (name in dependencies) return false;
        if (PEER_LOADERS[name] === found.file) return false;
        return !(found.typeOnly && (name in devDependencies || `@types/${name}` in devDependencies));
      })
      .map((found) => `${found.file}:${found.line} imports '${found.specifier}'`);
    this.assertEqual(undeclared, []);
  }

  /** Node's built-ins are imported with the node: prefix, never bare. */
  test_builtinsUseNodePrefix(): void {
    const bare = bareImports()
      .filter((found) => builtinModules.includes(found.specifier) || builtinModules.includes(packageOf(found.specifier)))
      .map((found) => `${found.file}:${found.line} imports '${found.specifier}'`);
    this.assertEqual(bare, []);
  }

  /** The package never imports itself by name from its own source. */
  test_noSelfImport(): void {
    this.assertEqual(bareImports().filter((found) => packageOf(found.specifier) === MANIFEST.name).map((found) => found.file), []);
  }

  /** Every declared dependency is imported by the shipped code, or listed with a reason. */
  test_everyDependencyUsed(): void {
    const used = new Set(bareImports().map((found) => packageOf(found.specifier)));
    const unused = Object.keys(MANIFEST.dependencies ?? {}).filter((name) => !used.has(name) && !(name in USED_ELSEWHERE));
    this.assertEqual(unused, []);
  }

  /** Each optional peer dependency is declared optional, kept as a devDependency for this suite, and has its loader. */
  test_optionalPeersHaveLoaders(): void {
    const peers = Object.keys(MANIFEST.peerDependencies ?? {});
    this.assertEqual(peers, Object.keys(PEER_LOADERS));
    for (const name of peers) {
      this.assertTrue(MANIFEST.peerDependenciesMeta?.[name]?.optional, `${name} is an optional peer`);
      this.assertIn(name, Object.keys(MANIFEST.devDependencies ?? {}));
      this.assertNotIn(name, Object.keys(MANIFEST.dependencies ?? {}));
    }
  }

  /** Only the loader imports an optional peer as a value; everyone else uses its types at most. */
  test_optionalPeersLoadedByTheirLoaderOnly(): void {
    const loaders = bareImports()
      .filter((found) => !found.typeOnly && packageOf(found.specifier) in PEER_LOADERS)
      .map((found) => `${packageOf(found.specifier)} in ${found.file}`);
    this.assertEqual([...new Set(loaders)], Object.entries(PEER_LOADERS).map(([name, file]) => `${name} in ${file}`));
  }

  /** The exceptions name declared dependencies only. */
  test_exceptionsAreDeclared(): void {
    this.assertEqual(Object.keys(USED_ELSEWHERE).filter((name) => !(name in (MANIFEST.dependencies ?? {}))), []);
  }
}
