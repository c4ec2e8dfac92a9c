/**
 * Tests for src/reporters/reporterSpec.ts: parsing `--reporter NAME[:FILE]` and the
 * checks made before any test runs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { parseReporterSpec, validateReporterSpecs, whyNotWritable } from '../../src/reporters/reporterSpec';
import { ReporterSpecError } from '../../src/reporters/reporterSpecError';
import { reporterHelpLines } from '../../src/reporters/registry';

export class ParseReporterSpecTests extends SynchronousTestCase {
  /** A name alone writes to stdout; NAME:FILE writes to the file (later colons belong to the path). */
  test_parse(): void {
    this.assertEqual(parseReporterSpec('tree'), { name: 'tree' });
    this.assertEqual(parseReporterSpec('junit:reports/x.xml'), { name: 'junit', path: 'reports/x.xml' });
    this.assertEqual(parseReporterSpec('json:a:b.ndjson'), { name: 'json', path: 'a:b.ndjson' });
  }

  /** Unknown names are usage errors listing the known ones. */
  test_unknownName(): void {
    const error = this.assertRaises(ReporterSpecError, parseReporterSpec, 'xunit:out.xml');
    this.assertEqual(error.code, 'TRIAL_USAGE');
    this.assertEqual(
      error.message,
      "Unknown reporter 'xunit'; choose one of tree, verbose, text, dots, json, junit, tap, subunit, github (see --help-reporters).",
    );
  }

  /** An empty name or an empty path is refused. */
  test_emptyParts(): void {
    this.assertRaises(ReporterSpecError, parseReporterSpec, ':x');
    this.assertEqual(
      this.assertRaises(ReporterSpecError, parseReporterSpec, 'junit:').message,
      '--reporter junit: has no file after the colon; write --reporter junit:PATH, or just junit for stdout.',
    );
  }

  /** --help-reporters has one line per reporter. */
  test_helpLines(): void {
    const lines = reporterHelpLines();
    this.assertEqual(lines.length, 9);
    this.assertEqual(lines[0], "  tree     Trial's tree: file, class, then each test with its result (the default).");
  }
}

export class ValidateReporterSpecsTests extends SynchronousTestCase {
  #dir(): string {
    const dir = this.mktemp();
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Two reporters on stdout are refused; github may share it. */
  test_twoOnStdout(): void {
    const options = { cwd: this.#dir(), stdoutIsTTY: false };
    validateReporterSpecs([{ name: 'tree' }, { name: 'github' }, { name: 'junit', path: 'j.xml' }], options);
    const error = this.assertRaises(ReporterSpecError, validateReporterSpecs, [{ name: 'tree' }, { name: 'tap' }], options);
    this.assertEqual(error.message, 'The reporters tree and tap would both write to stdout; give one a file, e.g. --reporter tap:tap.out.');
  }

  /** Binary output may not go to a terminal, but may go to a pipe. */
  test_binaryToTerminal(): void {
    const cwd = this.#dir();
    this.assertRaises(ReporterSpecError, validateReporterSpecs, [{ name: 'subunit' }], { cwd, stdoutIsTTY: true });
    validateReporterSpecs([{ name: 'subunit' }], { cwd, stdoutIsTTY: false });
  }

  /** Two reporters on one file are refused. */
  test_samePath(): void {
    const cwd = this.#dir();
    this.assertRaises(ReporterSpecError, validateReporterSpecs, [{ name: 'json', path: 'x' }, { name: 'tap', path: './x' }], { cwd, stdoutIsTTY: false });
  }

  /** A path under a file, or a folder, cannot be written; a missing folder can be created. */
  test_unwritable(): void {
    const cwd = this.#dir();
    fs.writeFileSync(path.join(cwd, 'file'), '');
    this.assertEqual(whyNotWritable(path.join(cwd, 'file', 'x.xml')), `${path.join(cwd, 'file')} is not a folder`);
    this.assertEqual(whyNotWritable(cwd), 'it is a folder');
    this.assertEqual(whyNotWritable(path.join(cwd, 'new', 'deep', 'x.xml')), null);
    const error = this.assertRaises(ReporterSpecError, validateReporterSpecs, [{ name: 'junit', path: 'file/x.xml' }], { cwd, stdoutIsTTY: false });
    this.assertEqual(error.message, `Cannot write the junit report to file/x.xml: ${path.join(cwd, 'file')} is not a folder; choose a path in a folder you can write to.`);
  }
}
