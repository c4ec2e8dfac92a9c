/**
 * End to end through the CLI: TypeScript projects set up the way real ones are
 * (fixtures/tsProjects/<case>/, each with its own tsconfig.json), once as ES-module
 * packages (`"type": "module"`) and once as CommonJS ones, in the default in-process run,
 * the thread pool and the process pool. A tsconfig.json that cannot be read is a config
 * error (exit 2) naming the file (fixtures/brokenTsconfig).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { outcomesOf } from '../../support/outcomes';
import { FIXTURES, ROOT, runCli } from '../../support/runCli';

/** Every test of fixtures/tsProjects, by id relative to the copy, and its outcome. */
const EXPECTED: Readonly<Record<string, string>> = {
  'classFields/define/test_defineSemantics.ts:DefineSemanticsTests.test_fieldDefinesOwnProperty': 'OK',
  'classFields/test/test_assignSemantics.ts:AssignSemanticsTests.test_fieldCallsSetter': 'OK',
  'decorators/test/test_decorators.ts:LegacyDecoratorTests.test_decoratorMetadata': 'OK',
  'decorators/test/test_decorators.ts:LegacyDecoratorTests.test_legacyMethodDecorator': 'OK',
  'decorators/test/test_decorators.ts:LegacyDecoratorTests.test_markerAsLegacyDecorator': 'SKIPPED',
  'jsonImports/test/test_jsonImports.ts:JsonImportsTests.test_dynamicImport': 'OK',
  'jsonImports/test/test_jsonImports.ts:JsonImportsTests.test_staticImport': 'OK',
  'keepsWorking/test/test_basics.ts:BasicsTests.test_constEnums': 'OK',
  'keepsWorking/test/test_basics.ts:BasicsTests.test_dynamicImport': 'OK',
  'keepsWorking/test/test_basics.ts:BasicsTests.test_tsExtensionInImport': 'OK',
  'keepsWorking/test/test_requireFromEsm.mts:RequireFromEsmTests.test_requireCommonJsTypeScript': 'OK',
  'keepsWorking/test/test_requireFromEsm.mts:RequireFromEsmTests.test_topLevelAwait': 'OK',
  'moduleSyntax/legacy/test_importsNotUsedAsValues.ts:ImportsNotUsedAsValuesTests.test_unusedImportStillLoads': 'OK',
  'moduleSyntax/test/test_verbatim.ts:VerbatimModuleSyntaxTests.test_typeImportErased': 'OK',
  'moduleSyntax/test/test_verbatim.ts:VerbatimModuleSyntaxTests.test_unusedImportKept': 'OK',
  'packageImports/test/test_packageImports.ts:PackageImportsTests.test_conditionsToTypeScript': 'OK',
  'packageImports/test/test_packageImports.ts:PackageImportsTests.test_patternToTypeScript': 'OK',
  'paths/test/test_paths.ts:PathsTests.test_aliasInsideSource': 'OK',
  'paths/test/test_paths.ts:PathsTests.test_baseUrl': 'OK',
  'paths/test/test_paths.ts:PathsTests.test_exactAlias': 'OK',
  'paths/test/test_paths.ts:PathsTests.test_wildcardAlias': 'OK',
  'references/test/test_references.tsx:ReferencesTests.test_referencedProjectApplies': 'OK',
  'tsx/test/test_plain.test.jsx:PlainJsxTests.test_jsxFile': 'OK',
  'tsx/test/test_view.tsx:ViewTests.test_automaticRuntime': 'OK',
  'tsx/test/test_view.tsx:ViewTests.test_fragment': 'OK',
  'tsx/test/test_view.tsx:ViewTests.test_importedComponent': 'OK',
};

/**
 * Copy every case of fixtures/tsProjects into `root/<format>/`, with `"type"` set in each
 * package.json, and install trial-ts as a project would have it (node_modules/trial-ts):
 * a package.json of their own puts the cases outside trial-ts's self-reference.
 */
function installProjects(root: string): void {
  fs.mkdirSync(path.join(root, 'node_modules'), { recursive: true });
  fs.symlinkSync(ROOT, path.join(root, 'node_modules', 'trial-ts'), 'dir');
  for (const [format, type] of [
    ['esm', 'module'],
    ['cjs', 'commonjs'],
  ]) {
    const copy = path.join(root, format);
    fs.cpSync(path.join(FIXTURES, 'tsProjects'), copy, { recursive: true });
    for (const project of fs.readdirSync(copy)) {
      const manifest = path.join(copy, project, 'package.json');
      fs.writeFileSync(manifest, JSON.stringify({ ...JSON.parse(fs.readFileSync(manifest, 'utf8')), type }, null, 2));
    }
  }
}

/** The expected outcomes for both copies. */
function expectedOutcomes(): Record<string, string> {
  const expected: Record<string, string> = {};
  for (const format of ['esm', 'cjs']) for (const [id, outcome] of Object.entries(EXPECTED)) expected[`${format}/${id}`] = outcome;
  return expected;
}

export class TsProjectsTests extends TestCase {
  static timeout = 120;

  async #runProjects(mode: string[]): Promise<void> {
    const root = this.mktemp();
    installProjects(root);
    const result = await runCli(['--reporter', 'verbose', ...mode, 'esm', 'cjs'], { cwd: root, timeoutMs: 90_000 });
    this.assertEqual(outcomesOf(result.stdout), expectedOutcomes(), result.stdout + result.stderr);
    this.assertEqual(result.code, 0, result.stderr);
    this.assertEqual(result.stderr, '');
  }

  /** Every case passes in both package formats in the default (in-process) run. */
  async test_defaultRun(): Promise<void> {
    await this.#runProjects([]);
  }

  /** ...and in the thread pool, where each worker registers the loader itself. */
  async test_threadPool(): Promise<void> {
    await this.#runProjects(['-j', '2']);
  }

  /** ...and in the process pool. */
  async test_processPool(): Promise<void> {
    await this.#runProjects(['-j', '2', '--pool', 'processes']);
  }

  /** A tsconfig.json whose `extends` is missing stops the run with exit 2 and one paragraph naming it. */
  async test_unreadableTsconfigIsConfigError(): Promise<void> {
    const result = await runCli(['fixtures/brokenTsconfig']);
    this.assertEqual(result.code, 2, result.stdout + result.stderr);
    this.assertIn(`Cannot read ${path.join(FIXTURES, 'brokenTsconfig', 'tsconfig.json')}`, result.stderr);
    this.assertIn("File './missing-base.json' not found", result.stderr);
    this.assertNotIn('    at ', result.stderr);
    this.assertEqual(result.stdout, '');
  }
}
