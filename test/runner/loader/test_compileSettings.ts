/**
 * Tests for src/runner/loader/compileSettings.ts: which tsconfig options reach the
 * compiled output and how (jsx modes, decorators, class fields, module syntax, target),
 * and that a file with no tsconfig gets the loader's defaults.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { compileSettingsFor, compileSettingsFrom } from '../../../src/runner/loader/compileSettings';

export class CompileSettingsTests extends SynchronousTestCase {
  /** No tsconfig: ES2022, standard decorators, define semantics, classic JSX with React. */
  test_defaults(): void {
    this.assertEqual(compileSettingsFrom(undefined), {
      target: 'es2022',
      jsx: { runtime: 'classic', importSource: 'react', pragma: 'React.createElement', pragmaFrag: 'React.Fragment', development: false },
      legacyDecorators: false,
      decoratorMetadata: false,
      useDefineForClassFields: true,
      verbatimModuleSyntax: false,
      keepImportSideEffects: false,
    });
  }

  /** react-jsx and react-jsxdev use the automatic runtime of jsxImportSource. */
  test_automaticJsx(): void {
    this.assertEqual(compileSettingsFrom({ jsx: 'react-jsx', jsxImportSource: 'preact' }).jsx.runtime, 'automatic');
    this.assertEqual(compileSettingsFrom({ jsx: 'react-jsx', jsxImportSource: 'preact' }).jsx.importSource, 'preact');
    const dev = compileSettingsFrom({ jsx: 'react-jsxdev' }).jsx;
    this.assertEqual([dev.runtime, dev.importSource, dev.development], ['automatic', 'react', true]);
  }

  /** preserve and react-native cannot be run as JSX, so they compile with the automatic runtime. */
  test_preserveCompilesAutomatic(): void {
    for (const jsx of ['preserve', 'react-native'] as const) this.assertEqual(compileSettingsFrom({ jsx }).jsx.runtime, 'automatic', jsx);
  }

  /** Classic JSX honours jsxFactory and jsxFragmentFactory. */
  test_classicFactories(): void {
    const jsx = compileSettingsFrom({ jsx: 'react', jsxFactory: 'h', jsxFragmentFactory: 'Fragment' }).jsx;
    this.assertEqual([jsx.runtime, jsx.pragma, jsx.pragmaFrag], ['classic', 'h', 'Fragment']);
  }

  /** experimentalDecorators switches to legacy decorators; metadata only comes with them. */
  test_decorators(): void {
    const legacy = compileSettingsFrom({ experimentalDecorators: true, emitDecoratorMetadata: true });
    this.assertEqual([legacy.legacyDecorators, legacy.decoratorMetadata], [true, true]);
    const standard = compileSettingsFrom({ emitDecoratorMetadata: true });
    this.assertEqual([standard.legacyDecorators, standard.decoratorMetadata], [false, false]);
  }

  /** Class fields follow tsc: define semantics from ES2022 on, unless set explicitly. */
  test_useDefineForClassFields(): void {
    this.assertFalse(compileSettingsFrom({ target: 'es2020' }).useDefineForClassFields);
    this.assertFalse(compileSettingsFrom({ target: 'es5' }).useDefineForClassFields);
    this.assertTrue(compileSettingsFrom({ target: 'es2022' }).useDefineForClassFields);
    this.assertTrue(compileSettingsFrom({ target: 'esnext' }).useDefineForClassFields);
    this.assertTrue(compileSettingsFrom({ target: 'es2020', useDefineForClassFields: true }).useDefineForClassFields);
    this.assertFalse(compileSettingsFrom({ target: 'esnext', useDefineForClassFields: false }).useDefineForClassFields);
  }

  /** The target is kept between ES2015 and ES2022: lower cannot extend native classes, higher may not run on Node 20. */
  test_targetClamped(): void {
    const targets = ['es3', 'es5', 'es6', 'es2015', 'es2019', 'ES2021', 'es2022', 'es2024', 'esnext'].map(
      (target) => compileSettingsFrom({ target: target as 'es2015' }).target,
    );
    this.assertEqual(targets, ['es2015', 'es2015', 'es2015', 'es2015', 'es2019', 'es2021', 'es2022', 'es2022', 'es2022']);
  }

  /** verbatimModuleSyntax is passed on; importsNotUsedAsValues preserve/error keeps import side effects. */
  test_moduleSyntax(): void {
    this.assertTrue(compileSettingsFrom({ verbatimModuleSyntax: true }).verbatimModuleSyntax);
    this.assertTrue(compileSettingsFrom({ importsNotUsedAsValues: 'preserve' }).keepImportSideEffects);
    this.assertTrue(compileSettingsFrom({ importsNotUsedAsValues: 'error' }).keepImportSideEffects);
    this.assertFalse(compileSettingsFrom({ importsNotUsedAsValues: 'remove' }).keepImportSideEffects);
    this.assertFalse(compileSettingsFrom({ verbatimModuleSyntax: true, importsNotUsedAsValues: 'preserve' }).keepImportSideEffects);
  }

  /** compileSettingsFor reads the file's nearest tsconfig.json. */
  test_forFile(): void {
    const root = this.mktemp();
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(root, 'tsconfig.json'), '{ "compilerOptions": { "jsx": "react-jsx", "target": "es2019" } }');
    const settings = compileSettingsFor(path.join(root, 'view.tsx'));
    this.assertEqual([settings.jsx.runtime, settings.target, settings.useDefineForClassFields], ['automatic', 'es2019', false]);
  }
}
