/**
 * Tests for src/watch/keys.ts: each key's command, the `p`/`t` prompt (typing, backspace,
 * Enter, Escape), Ctrl-C quitting from anywhere, and escape sequences ignored.
 */
import { SynchronousTestCase } from 'trial-ts';
import { KeyReader, type WatchCommand } from '../../src/watch/keys';

function reader(): { keys: KeyReader; commands: WatchCommand[]; echoed: string[] } {
  const commands: WatchCommand[] = [];
  const echoed: string[] = [];
  return { keys: new KeyReader((command) => commands.push(command), (text) => echoed.push(text)), commands, echoed };
}

export class KeyReaderTests extends SynchronousTestCase {
  /** a, f, Enter and q are commands; other keys do nothing. */
  test_singleKeys(): void {
    const { keys, commands } = reader();
    keys.feed('afx\rq');
    this.assertEqual(commands, [{ kind: 'all' }, { kind: 'failed' }, { kind: 'rerun' }, { kind: 'quit' }]);
  }

  /** p reads a line: typed text, backspace, Enter gives the pattern; the prompt is echoed. */
  test_patternPrompt(): void {
    const { keys, commands, echoed } = reader();
    keys.feed('p');
    this.assertTrue(keys.prompting);
    keys.feed('mathx\u007f');
    keys.feed('\r');
    this.assertEqual(commands, [{ kind: 'pattern', value: 'math' }]);
    this.assertFalse(keys.prompting);
    this.assertIn('File name pattern', echoed[0]);
    this.assertTrue(echoed.some((text) => text.endsWith(': math')));
  }

  /** Keys typed in a prompt are text: `q` in a pattern does not quit. */
  test_promptKeysAreText(): void {
    const { keys, commands } = reader();
    keys.feed('tquick and not slow\r');
    this.assertEqual(commands, [{ kind: 'grep', value: 'quick and not slow' }]);
  }

  /** Escape cancels a prompt without a command; an empty line clears the filter. */
  test_escapeAndEmpty(): void {
    const { keys, commands } = reader();
    keys.feed('pabc');
    keys.feed('\u001b');
    keys.feed('t\r');
    this.assertEqual(commands, [{ kind: 'grep', value: '' }]);
  }

  /** Ctrl-C quits, even in a prompt. */
  test_ctrlCQuits(): void {
    const { keys, commands } = reader();
    keys.feed('pab\u0003');
    this.assertEqual(commands, [{ kind: 'quit' }]);
  }

  /** An arrow key (an escape sequence) is not read as its letters. */
  test_escapeSequenceIgnored(): void {
    const { keys, commands } = reader();
    keys.feed('\u001b[A');
    keys.feed('\u001bOq');
    this.assertEqual(commands, []);
  }
}
