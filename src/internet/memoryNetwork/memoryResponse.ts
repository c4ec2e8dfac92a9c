/**
 * `MemoryResponse`: what `network.fetch` resolves with — a subclass of the platform's
 * `Response` (so `instanceof Response` holds, and status, headers and body behave as
 * the standard says) that also knows what a fetched response knows: its `url`,
 * `redirected`, and `type` `basic`.
 *
 * A body that had wholly arrived when the head was read (in memory, nearly every body:
 * the server's one write reaches the client parser in one delivery) is held as bytes,
 * and `text()`, `json()`, `arrayBuffer()` (and `bytes()` where Node has it) decode the
 * bytes directly. Node 20's web streams cost about as much as the whole HTTP round trip
 * in memory; the stream is made only when `body`, `blob()`, `formData()` or `clone()`
 * of a used response ask for it — from a plain `Response` over the same bytes, so every
 * other member keeps the standard's behaviour. A body still arriving is a stream from
 * the start.
 *
 * The getters and methods are defined on the prototype in a static block: Node's
 * typings declare them as properties, which a subclass may not override as accessors.
 *
 * @packageDocumentation
 */

/** What a fetched response knows beyond what `new Response()` takes. */
export interface FetchedState {
  /** The URL of the response (the last one, after redirects). */
  readonly url: string;
  /** True when a redirect was followed to get here. */
  readonly redirected: boolean;
}

const UTF8 = new TextDecoder();

/** The error `text()` and friends reject with for a body already read, in Node's words. */
function unusable(): TypeError {
  return new TypeError('Body is unusable: Body has already been read');
}

/**
 * A fetched `Response`.
 *
 * @example
 * ```ts
 * const response = await network.fetch('http://api.test/users/1');
 * response instanceof Response; // true
 * await response.json();
 * ```
 */
export class MemoryResponse extends Response {
  readonly #state: FetchedState;
  /** The whole body, while no stream was made for it (held mode). */
  readonly #held: Buffer | null;
  #used = false;
  /** A plain Response over the held bytes, made when a member needs the stream. */
  #plain: Response | null = null;

  /**
   * @param body - the body: a stream, all its bytes, or null.
   * @param init - status, status text and headers.
   * @param state - the final URL and whether a redirect led there.
   */
  constructor(body: ReadableStream<Uint8Array> | Buffer | null, init: ResponseInit, state: FetchedState) {
    super(Buffer.isBuffer(body) ? null : body, init);
    this.#held = Buffer.isBuffer(body) ? body : null;
    this.#state = state;
  }

  /** The held bytes for a direct read (marking the body used), or null when the standard path must answer. */
  #take(): Buffer | null {
    if (this.#held === null) return null;
    if (this.#used) throw unusable();
    if (this.#plain !== null) return null;
    this.#used = true;
    return this.#held;
  }

  /** A copy: held bytes are shared (never written), a stream is teed by the standard `clone`. */
  #copy(): MemoryResponse {
    const init = { status: this.status, statusText: this.statusText, headers: this.headers };
    if (this.#held !== null && this.#used) throw new TypeError('Response.clone: Body has already been consumed.');
    if (this.#held !== null && this.#plain === null) return new MemoryResponse(this.#held, init, this.#state);
    const copy = Response.prototype.clone.call(this.#standard());
    return new MemoryResponse(copy.body, init, this.#state);
  }

  /** The response whose standard members answer: a plain one over the held bytes, or this one. */
  #standard(): Response {
    if (this.#held === null) return this;
    this.#plain ??= new Response(this.#used ? null : this.#held, { status: this.status, statusText: this.statusText, headers: this.headers });
    return this.#plain;
  }

  static {
    const base = Response.prototype;
    const baseGetter = (name: string): ((this: Response) => unknown) => Object.getOwnPropertyDescriptor(base, name)!.get!;
    const bodyOf = baseGetter('body');
    const bodyUsedOf = baseGetter('bodyUsed');
    const getter = (get: (this: MemoryResponse) => unknown): PropertyDescriptor => ({ get, configurable: true });
    const method = (value: (this: MemoryResponse) => unknown): PropertyDescriptor => ({ value, writable: true, configurable: true });
    const direct = (read: (bytes: Buffer) => unknown, name: string): PropertyDescriptor =>
      method(async function (this: MemoryResponse): Promise<unknown> {
        const bytes = this.#take();
        return bytes === null ? ((base as unknown as Record<string, () => Promise<unknown>>)[name]).call(this.#standard()) : read(bytes);
      });
    Object.defineProperties(this.prototype, {
      url: getter(function () {
        return this.#state.url;
      }),
      redirected: getter(function () {
        return this.#state.redirected;
      }),
      type: getter(() => 'basic'),
      body: getter(function () {
        return bodyOf.call(this.#standard());
      }),
      bodyUsed: getter(function () {
        return (this.#held !== null && (this.#used || this.#plain === null)) ? this.#used : bodyUsedOf.call(this.#standard());
      }),
      text: direct((bytes) => UTF8.decode(bytes), 'text'),
      json: direct((bytes) => JSON.parse(UTF8.decode(bytes)) as unknown, 'json'),
      arrayBuffer: direct((bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), 'arrayBuffer'),
      ...('bytes' in base ? { bytes: direct((bytes) => new Uint8Array(bytes), 'bytes') } : {}),
      blob: method(function () {
        return base.blob.call(this.#standard());
      }),
      formData: method(function () {
        return base.formData.call(this.#standard());
      }),
      clone: method(function () {
        return this.#copy();
      }),
    });
  }
}
