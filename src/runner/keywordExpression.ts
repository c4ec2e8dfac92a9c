/**
 * The `-k` language, pytest's: words joined by `and`, `or`, `not` and parentheses. A bare
 * word matches when it is a substring of the test id, ignoring case, so `-k 'not pg'`
 * runs everything whose id does not mention pg. A pattern written `/regex/flags` is kept
 * as one regular expression over the id (the older `-k` form).
 *
 * Pure: imports nothing from Node.
 *
 * @packageDocumentation
 */
import { TrialError } from '@trial-ts/runtime/internal';
import { messages } from './messages';

/** A `-k` expression that does not parse; `column` is 1-based in the expression. */
export class KeywordExpressionError extends TrialError {
  constructor(
    readonly expression: string,
    readonly column: number,
    readonly reason: string,
  ) {
    super(messages.badKeywordExpression(expression, column, reason), 'TRIAL_BAD_KEYWORD');
    this.name = 'KeywordExpressionError';
  }
}

interface Token {
  kind: 'word' | 'and' | 'or' | 'not' | '(' | ')' | 'end';
  text: string;
  column: number;
}

const KEYWORDS = new Set(['and', 'or', 'not']);

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:([()])|([^\s()]+))/y;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(expression)) !== null && match[0] !== '') {
    const text = match[1] ?? match[2];
    const column = match.index + match[0].length - text.length + 1;
    const lower = text.toLowerCase();
    if (match[1] !== undefined) tokens.push({ kind: text as '(' | ')', text, column });
    else tokens.push({ kind: KEYWORDS.has(lower) ? (lower as Token['kind']) : 'word', text, column });
  }
  tokens.push({ kind: 'end', text: '', column: expression.length + 1 });
  return tokens;
}

type Matcher = (id: string) => boolean;

/** Recursive descent over: or := and ('or' and)*; and := not ('and' not)*; not := 'not' not | atom. */
class Parser {
  #at = 0;
  constructor(
    readonly expression: string,
    readonly tokens: Token[],
  ) {}

  parse(): Matcher {
    if (this.#peek().kind === 'end') throw this.#error('the expression is empty');
    const matcher = this.#or();
    if (this.#peek().kind !== 'end') throw this.#error(`unexpected '${this.#peek().text}'`);
    return matcher;
  }

  #peek(): Token {
    return this.tokens[this.#at];
  }

  #error(reason: string, token = this.#peek()): KeywordExpressionError {
    return new KeywordExpressionError(this.expression, token.column, reason);
  }

  #or(): Matcher {
    let left = this.#and();
    while (this.#peek().kind === 'or') {
      this.#at++;
      const [a, b] = [left, this.#and()];
      left = (id) => a(id) || b(id);
    }
    return left;
  }

  #and(): Matcher {
    let left = this.#not();
    while (this.#peek().kind === 'and') {
      this.#at++;
      const [a, b] = [left, this.#not()];
      left = (id) => a(id) && b(id);
    }
    return left;
  }

  #not(): Matcher {
    if (this.#peek().kind !== 'not') return this.#atom();
    this.#at++;
    const inner = this.#not();
    return (id) => !inner(id);
  }

  #atom(): Matcher {
    const token = this.#peek();
    if (token.kind === 'word') {
      this.#at++;
      const needle = token.text.toLowerCase();
      return (id) => id.toLowerCase().includes(needle);
    }
    if (token.kind === '(') {
      this.#at++;
      const inner = this.#or();
      if (this.#peek().kind !== ')') throw this.#error(`missing ')' for the '(' at column ${token.column}`);
      this.#at++;
      return inner;
    }
    if (token.kind === 'end') throw this.#error('the expression ends where a word was expected');
    throw this.#error(`expected a word or '(' but found '${token.text}'`);
  }
}

/**
 * Compile one `-k` expression into a predicate over test ids.
 *
 * @param expression - e.g. `add or (sub and not slow)`, or `/regex/flags`.
 * @returns a function telling whether a test id is selected.
 * @throws {@link KeywordExpressionError} for a malformed expression.
 * @throws SyntaxError for a `/regex/` that does not compile.
 * @example
 * ```ts
 * const selected = compileKeywordExpression('not pg');
 * selected('test_db.ts:PgTests.test_query'); // false
 * ```
 */
export function compileKeywordExpression(expression: string): (id: string) => boolean {
  const regex = /^\/(.*)\/([a-z]*)$/s.exec(expression);
  if (regex !== null) {
    const compiled = new RegExp(regex[1], regex[2]);
    return (id) => compiled.test(id);
  }
  return new Parser(expression, tokenize(expression)).parse();
}
