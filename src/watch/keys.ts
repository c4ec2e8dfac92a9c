/**
 * The keys of watch mode in a terminal: `a` run all, `f` run the failed ones, `p` filter
 * by file name pattern, `t` filter by test name (`-k` rules), Enter re-run, `q` or
 * Ctrl-C quit. `p` and `t` read a line (Enter takes it, Escape cancels, an empty line
 * clears the filter). Keys are decoded by {@link KeyReader} from what the terminal sends
 * in raw mode, so tests can feed it text.
 *
 * @packageDocumentation
 */
import { messages } from './messages';

/** What a key asks watch mode to do. */
export type WatchCommand =
  | { kind: 'all' }
  | { kind: 'failed' }
  | { kind: 'rerun' }
  | { kind: 'quit' }
  /** `p`: only test files whose path matches; `''` clears the filter. */
  | { kind: 'pattern'; value: string }
  /** `t`: only tests whose id matches this `-k` expression; `''` clears the filter. */
  | { kind: 'grep'; value: string };

const CTRL_C = '\u0003';
const ESCAPE = '\u001b';
const BACKSPACES = new Set(['\u007f', '\b']);

/** Decodes keystrokes into {@link WatchCommand}s, with a one-line prompt for `p` and `t`. */
export class KeyReader {
  #prompt: { kind: 'pattern' | 'grep'; text: string } | undefined;

  /**
   * @param onCommand - told each command.
   * @param echo - writes the prompt line as it is typed (to the terminal).
   */
  constructor(
    private readonly onCommand: (command: WatchCommand) => void,
    private readonly echo: (text: string) => void,
  ) {}

  /** A prompt is open: keys are text, not commands. */
  get prompting(): boolean {
    return this.#prompt !== undefined;
  }

  /**
   * Take what the terminal sent (one key, or several pasted at once).
   *
   * @param chunk - raw-mode input.
   */
  feed(chunk: string): void {
    // An escape sequence (an arrow key, ...) is one key that means nothing here, except Escape itself.
    if (chunk.startsWith(ESCAPE) && chunk.length > 1) return;
    for (const key of chunk) this.#key(key);
  }

  #key(key: string): void {
    if (key === CTRL_C) return this.onCommand({ kind: 'quit' });
    if (this.#prompt !== undefined) return this.#promptKey(this.#prompt, key);
    const command = commandForKey(key);
    if (command === 'pattern' || command === 'grep') {
      this.#prompt = { kind: command, text: '' };
      this.echo(messages.prompt(command, ''));
    } else if (command !== undefined) {
      this.onCommand({ kind: command });
    }
  }

  #promptKey(prompt: { kind: 'pattern' | 'grep'; text: string }, key: string): void {
    if (key === '\r' || key === '\n') {
      this.#prompt = undefined;
      this.echo('\n');
      this.onCommand({ kind: prompt.kind, value: prompt.text.trim() });
      return;
    }
    if (key === ESCAPE) {
      this.#prompt = undefined;
      this.echo(`${messages.clearLine}${messages.promptCancelled}\n`);
      return;
    }
    if (BACKSPACES.has(key)) prompt.text = prompt.text.slice(0, -1);
    else if (key >= ' ') prompt.text += key;
    this.echo(messages.prompt(prompt.kind, prompt.text));
  }
}

function commandForKey(key: string): WatchCommand['kind'] | undefined {
  switch (key) {
    case 'a':
      return 'all';
    case 'f':
      return 'failed';
    case 'p':
      return 'pattern';
    case 't':
      return 'grep';
    case 'q':
      return 'quit';
    case '\r':
    case '\n':
      return 'rerun';
    default:
      return undefined;
  }
}

/**
 * Read keys from a terminal in raw mode until the returned function is called, which
 * puts the terminal back as it was.
 *
 * @param input - the terminal (process.stdin).
 * @param reader - decodes what it sends.
 * @returns stop reading and restore the terminal.
 */
export function readKeys(input: NodeJS.ReadStream, reader: KeyReader): () => void {
  const wasRaw = input.isRaw === true;
  input.setRawMode(true);
  input.setEncoding('utf8');
  const onData = (chunk: string): void => reader.feed(chunk);
  input.on('data', onData);
  input.resume();
  return () => {
    input.off('data', onData);
    input.setRawMode(wasRaw);
    input.pause();
  };
}
