/**
 * Databases cloned ahead of need for `database-per-test`: the main process keeps `size` clones
 * ready in the background, one statement at a time, and drops returned ones in the background.
 *
 * @packageDocumentation
 */

/** What the pool does with the server. @internal */
export interface PoolBackend {
  create(name: string): Promise<void>;
  drop(name: string): Promise<void>;
}

/** @internal */
export class DatabasePool {
  readonly #backend: PoolBackend;
  readonly #size: number;
  readonly #nextName: () => string;
  readonly #ready: string[] = [];
  readonly #waiters: Array<{ resolve: (name: string) => void; reject: (e: Error) => void }> = [];
  #creating = 0;
  #closed = false;
  #failures = 0;
  #chain: Promise<void> = Promise.resolve();

  /**
   * @param backend - creates and drops databases.
   * @param size - clones kept ready.
   * @param nextName - a fresh database name each call.
   */
  constructor(backend: PoolBackend, size: number, nextName: () => string) {
    this.#backend = backend;
    this.#size = size;
    this.#nextName = nextName;
  }

  /** Start filling. */
  fill(): void {
    while (!this.#closed && this.#ready.length + this.#creating < this.#size + this.#waiters.length) {
      this.#creating++;
      const name = this.#nextName();
      this.#serial(() => this.#backend.create(name)).then(
        () => {
          this.#creating--;
          this.#failures = 0;
          const waiter = this.#waiters.shift();
          if (waiter) waiter.resolve(name);
          else this.#ready.push(name);
          this.fill();
        },
        (error: Error) => {
          this.#creating--;
          // A backend crash can fail an in-flight clone; retry a few times, then fail waiters.
          if (++this.#failures >= 3) for (const w of this.#waiters.splice(0)) w.reject(error);
          else this.fill();
        },
      );
    }
  }

  #serial<T>(op: () => Promise<T>): Promise<T> {
    const result = this.#chain.then(op);
    this.#chain = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** A ready database (waiting for one if none is). */
  take(): Promise<string> {
    if (this.#closed) return Promise.reject(new Error('the database pool is closed'));
    const name = this.#ready.shift();
    const result = name !== undefined ? Promise.resolve(name) : new Promise<string>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    this.#failures = 0;
    this.fill();
    return result;
  }

  /** Drop a database taken from the pool, in the background (errors are ignored: the cluster is thrown away at the end). */
  give(name: string): Promise<void> {
    return this.#serial(() => this.#backend.drop(name)).catch(() => undefined);
  }

  /** Stop filling; waiting takers fail. */
  close(): void {
    this.#closed = true;
    for (const w of this.#waiters.splice(0)) w.reject(new Error('the database pool is closed'));
  }
}
