/**
 * Tests for src/runner/loader/transform.ts: TypeScript with decorators compiles to
 * CommonJS and ES modules with an inline source map, the disk cache answers the second
 * call (keyed by the settings too), syntax errors become a SyntaxError pointing at the
 * failing line, and the tsconfig settings reach the output (JSX, legacy decorators,
 * import attributes, side-effect imports).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { compileSettingsFrom } from '../../src/runner/loader/compileSettings';
import { cacheDirectory, transformTypeScript } from '../../src/runner/loader/transform';

const SOURCE = [
  'const seen: string[] = [];',
  'function dec(value: unknown, context: ClassMethodDecoratorContext): void {',
  "  seen.push(context.kind + ':' + String(context.name));",
  '}',
  'export class Marked {',
  '  @dec method(): number { return 41 + 1; }',
  '}',
  'export { seen };',
  '',
].join('\n');

/** Every file of a folder tree. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => fs.statSync(path.join(dir, name)).isFile());
}

export class TransformTests extends SynchronousTestCase {
  #cache = '';
  #file = '';

  override setUp(): void {
    this.#cache = this.mktemp();
    this.#file = path.join(path.dirname(this.#cache), 'marked.ts');
    const previous = process.env.TRIAL_TS_CACHE_DIR;
    process.env.TRIAL_TS_CACHE_DIR = this.#cache;
    this.addCleanup(() => {
      if (previous === undefined) delete process.env.TRIAL_TS_CACHE_DIR;
      else process.env.TRIAL_TS_CACHE_DIR = previous;
    });
  }

  /** TRIAL_TS_CACHE_DIR chooses the cache folder. */
  test_cacheDirectoryFromEnv(): void {
    this.assertEqual(cacheDirectory(), this.#cache);
  }

  /** CommonJS output runs, with standard decorators applied and exports set. */
  test_compilesToCommonJs(): void {
    const code = transformTypeScript(SOURCE, this.#file, 'cjs');
    this.assertNotSubstring('import ', code);
    const module = { exports: {} as Record<string, unknown> };
    new Function('exports', 'require', 'module', code)(module.exports, require, module);
    const { Marked, seen } = module.exports as { Marked: new () => { method(): number }; seen: string[] };
    this.assertEqual(new Marked().method(), 42);
    this.assertEqual(seen, ['method:method']);
    this.assertEqual(Marked.name, 'Marked');
  }

  /** ES module output keeps export statements and compiles the decorator away. */
  test_compilesToEsm(): void {
    const code = transformTypeScript(SOURCE, this.#file, 'esm');
    this.assertTrue(/^export /m.test(code), code);
    this.assertNotSubstring('exports.', code);
    this.assertNotSubstring('@dec', code);
    this.assertNotSubstring(': string[]', code);
  }

  /** The output carries an inline source map naming the file, with its sources. */
  test_inlineSourceMap(): void {
    const code = transformTypeScript(SOURCE, this.#file, 'cjs');
    const match = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/.exec(code);
    this.assertTrue(match !== null, 'no inline source map');
    const map = JSON.parse(Buffer.from(match![1], 'base64').toString('utf8')) as { sources: string[]; sourcesContent?: string[]; mappings: string };
    this.assertTrue(map.sources.some((source) => source.endsWith('marked.ts')), map.sources.join());
    this.assertEqual(map.sourcesContent?.[0], SOURCE);
    this.assertTrue(map.mappings.length > 0);
  }

  /** The first call writes one cache entry; the second is answered from it. */
  test_diskCacheHit(): void {
    const first = transformTypeScript(SOURCE, this.#file, 'cjs');
    const entries = filesUnder(this.#cache);
    this.assertEqual(entries.length, 1);
    const entry = path.join(this.#cache, entries[0]);
    this.assertTrue(/^[0-9a-f]{2}[\\/][0-9a-f]{40}\.js$/.test(entries[0]), entries[0]);
    this.assertEqual(fs.readFileSync(entry, 'utf8'), first);
    fs.writeFileSync(entry, first + '\n// served from the cache');
    this.assertEqual(transformTypeScript(SOURCE, this.#file, 'cjs'), first + '\n// served from the cache');
  }

  /** The format, the file name and the source are all part of the cache key. */
  test_cacheKeyedByFormatFileAndSource(): void {
    transformTypeScript(SOURCE, this.#file, 'cjs');
    transformTypeScript(SOURCE, this.#file, 'esm');
    transformTypeScript(SOURCE, this.#file + '.other.ts', 'cjs');
    transformTypeScript(SOURCE + '\n// changed', this.#file, 'cjs');
    transformTypeScript(SOURCE, this.#file, 'cjs');
    this.assertEqual(filesUnder(this.#cache).length, 4);
  }

  /** A cache folder that cannot be written only costs speed: the code is still returned. */
  test_unwritableCache(): void {
    fs.mkdirSync(path.dirname(this.#cache), { recursive: true });
    fs.writeFileSync(this.#cache, 'a file, not a folder');
    const code = transformTypeScript(SOURCE, this.#file, 'cjs');
    this.assertSubstring('class Marked', code);
  }

  /** A syntax error is a SyntaxError with the code frame and an `at file:line:col` frame. */
  test_syntaxError(): void {
    const broken = path.join(path.dirname(this.#cache), 'broken.ts');
    const error = this.assertRaises(SyntaxError, () => transformTypeScript('const a = 1;\n\nconst x = ;\n', broken, 'cjs'));
    this.assertTrue(error.message.startsWith(`${broken} does not compile:\n`), error.message);
    this.assertSubstring('const x = ;', error.message);
    this.assertNotSubstring('Caused by', error.message);
    const lines = (error.stack ?? '').split('\n');
    this.assertEqual(lines[0], `SyntaxError: ${error.message.split('\n')[0]}`);
    this.assertEqual(lines[lines.length - 1], `    at ${broken}:3:1`);
    this.assertEqual(filesUnder(this.#cache), []);
  }

  /** Different compile settings are different cache entries, never each other's output. */
  test_cacheKeyedBySettings(): void {
    const classic = transformTypeScript('export const a = <b />;\n', this.#file + 'x', 'esm', compileSettingsFrom({ jsx: 'react' }));
    const automatic = transformTypeScript('export const a = <b />;\n', this.#file + 'x', 'esm', compileSettingsFrom({ jsx: 'react-jsx' }));
    this.assertNotEqual(classic, automatic);
    this.assertEqual(filesUnder(this.#cache).length, 2);
  }

  /** The automatic runtime imports from jsxImportSource; classic calls the pragma. */
  test_jsxRuntimes(): void {
    const source = 'export const a = <b>hi</b>;\n';
    const automatic = transformTypeScript(source, this.#file + 'x', 'esm', compileSettingsFrom({ jsx: 'react-jsx', jsxImportSource: 'preact' }));
    this.assertSubstring('from "preact/jsx-runtime"', automatic);
    const classic = transformTypeScript(source, this.#file + 'x', 'esm', compileSettingsFrom({ jsx: 'react', jsxFactory: 'h' }));
    this.assertSubstring('h("b"', classic);
  }

  /** .jsx files are parsed as JavaScript with JSX. */
  test_jsxFile(): void {
    const code = transformTypeScript('export const a = <i />;\n', this.#file.replace(/\.ts$/, '.jsx'), 'cjs', compileSettingsFrom({ jsx: 'react-jsx' }));
    this.assertSubstring('require("react/jsx-runtime")', code);
  }

  /** experimentalDecorators with emitDecoratorMetadata emits legacy decorator calls with design types. */
  test_legacyDecoratorsWithMetadata(): void {
    const source = 'declare const d: any;\nexport class A {\n  @d method(x: number): string { return String(x); }\n}\n';
    const code = transformTypeScript(source, this.#file, 'esm', compileSettingsFrom({ experimentalDecorators: true, emitDecoratorMetadata: true }));
    this.assertSubstring('"design:paramtypes"', code);
    this.assertSubstring('Number', code);
  }

  /** Import attributes survive in both formats' ES-module output. */
  test_importAttributesKept(): void {
    const code = transformTypeScript("import data from './d.json' with { type: 'json' };\nexport { data };\n", this.#file, 'esm', compileSettingsFrom({}));
    this.assertTrue(/with\s*\{\s*type: 'json'\s*\}/.test(code), code);
  }

  /** importsNotUsedAsValues preserve keeps a bare import of a module whose names are unused, on the same line. */
  test_sideEffectImportsKept(): void {
    const source = "import { unused } from './effects.js';\nexport const x = 1;\n";
    const kept = transformTypeScript(source, this.#file, 'esm', compileSettingsFrom({ importsNotUsedAsValues: 'preserve' }));
    this.assertSubstring("import './effects.js';", kept);
    this.assertNotSubstring('unused', kept.split('//# sourceMappingURL')[0]);
    const dropped = transformTypeScript(source, this.#file, 'esm', compileSettingsFrom({}));
    this.assertNotSubstring('effects.js', dropped.split('//# sourceMappingURL')[0]);
  }
}
