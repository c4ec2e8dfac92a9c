/**
 * Reads the `verbose` reporter's lines (`<id> ... [MARKER]`) into a map from test id to
 * marker, so end-to-end tests can assert every test's outcome at once.
 */
export function outcomesOf(stdout: string): Record<string, string> {
  const outcomes: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const match = /^(\S+) \.\.\. \[([A-Z!?]+)\]$/.exec(line);
    if (match !== null) outcomes[match[1]] = match[2];
  }
  return outcomes;
}
