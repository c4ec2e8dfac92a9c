/**
 * The main process's own connection to a postgres sidecar (to create and drop databases).
 * It reconnects after a backend crash terminated it, and it always has an `'error'`
 * handler: a lost connection must never crash the runner.
 *
 * @packageDocumentation
 */
import type { Client } from 'pg';
import { requirePg } from './pgModule';

/** @internal */
export class AdminConnection {
  #client: Promise<Client> | null = null;
  #closed = false;
  readonly #config: { host: string; port: number; password?: string; user: string; database: string };

  /**
   * @param address - how the runner reaches the server (its Unix socket folder, or a host with a password).
   * @param database - the database to connect to.
   */
  constructor(address: { host: string; port: number; password?: string }, database = 'postgres') {
    this.#config = { ...address, user: 'postgres', database };
  }

  #connect(): Promise<Client> {
    if (this.#closed) return Promise.reject(new Error('the sidecar is closing'));
    if (!this.#client) {
      const client = new (requirePg().Client)(this.#config);
      const forget = (): void => {
        if (this.#client === pending) this.#client = null;
      };
      client.on('error', forget);
      client.on('end', forget);
      const pending: Promise<Client> = client.connect().then(
        () => client,
        (error: Error) => {
          forget();
          throw error;
        },
      );
      this.#client = pending;
    }
    return this.#client;
  }

  /** Run one statement; a dead connection is replaced first. */
  async query(sql: string): Promise<{ rows: Array<Record<string, unknown>> }> {
    const client = await this.#connect();
    return client.query(sql);
  }

  /** Disconnect. Idempotent; later queries fail. */
  async close(): Promise<void> {
    this.#closed = true;
    const pending = this.#client;
    this.#client = null;
    if (pending) await pending.then((c) => c.end()).catch(() => undefined);
  }
}
