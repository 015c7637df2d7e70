// A TCP proxy to a database server that a test can make go silent, as a stopped (SIGSTOP) server, a frozen
// VM or a network path that drops packets would: the connections stay open and nothing comes through.
import { connect, createServer, type Socket } from 'node:net';

/** One client connection and its connection to the server. */
class ProxiedConnection {
  readonly #client: Socket;
  readonly #server: Socket;
  readonly #proxy: FreezableProxy;
  /** Bytes held back while the proxy is frozen, per direction. */
  readonly #toServer: Buffer[] = [];
  readonly #toClient: Buffer[] = [];
  /** The server's answers are withheld for good (`withholdAnswersAfter`). */
  #answersWithheld = false;
  /** What the client sent, as text, while a `withholdAnswersAfter` was armed. */
  #sent = '';

  constructor(client: Socket, server: Socket, proxy: FreezableProxy) {
    this.#client = client;
    this.#server = server;
    this.#proxy = proxy;
    client.on('data', (chunk: Buffer) => this.#fromClient(chunk));
    server.on('data', (chunk: Buffer) => this.#fromServer(chunk));
    // A side that closes or fails closes the other: the test is about what the client sees.
    const close = () => this.destroy();
    for (const socket of [client, server]) {
      socket.on('close', close);
      socket.on('error', close);
    }
  }

  destroy(): void {
    this.#client.destroy();
    this.#server.destroy();
    this.#proxy.connections.delete(this);
  }

  #fromClient(chunk: Buffer): void {
    if (this.#proxy.frozen) {
      this.#toServer.push(chunk);
      return;
    }
    this.#server.write(chunk);
    const armed = this.#proxy.armed;
    if (armed === undefined) return;
    this.#sent += chunk.toString('latin1');
    if (armed.test(this.#sent)) {
      // The statement reached the server (it runs, a COMMIT commits); its answer never reaches the client.
      this.#answersWithheld = true;
      this.#proxy.armed = undefined;
    }
  }

  #fromServer(chunk: Buffer): void {
    if (this.#answersWithheld) return;
    if (this.#proxy.frozen) this.#toClient.push(chunk);
    else this.#client.write(chunk);
  }

  /** Sends what was held back while frozen. */
  flush(): void {
    for (const chunk of this.#toServer.splice(0)) this.#server.write(chunk);
    for (const chunk of this.#toClient.splice(0)) if (!this.#answersWithheld) this.#client.write(chunk);
  }
}

export class FreezableProxy {
  readonly connections = new Set<ProxiedConnection>();
  frozen = false;
  /** Set by `withholdAnswersAfter`: what one connection's bytes sent since then must match. */
  armed: RegExp | undefined;
  readonly #server = createServer((client) => {
    const server = connect(this.#target.port, this.#target.host);
    this.connections.add(new ProxiedConnection(client, server, this));
  });
  readonly #target: { host: string; port: number };

  private constructor(target: { host: string; port: number }) {
    this.#target = target;
  }

  /** A proxy on a free port of 127.0.0.1 to the server of the PostgreSQL URL `url`. */
  static async start(url: string): Promise<FreezableProxy> {
    const parsed = new URL(url);
    const proxy = new FreezableProxy({ host: parsed.hostname, port: Number(parsed.port || 5432) });
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    const address = this.#server.address();
    if (address === null || typeof address === 'string') throw new Error('the proxy is not listening');
    return address.port;
  }

  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  /** Nothing goes through, either way, on any connection, until `thaw`; new connections open and wait too. */
  freeze(): void {
    this.frozen = true;
  }

  thaw(): void {
    this.frozen = false;
    for (const connection of this.connections) connection.flush();
  }

  /**
   * On the first connection whose bytes sent from now on come to match
   * `pattern` (say, a journal write and then COMMIT), the server gets them and
   * runs them, and the client never hears from the server again.
   */
  withholdAnswersAfter(pattern: RegExp): void {
    this.armed = pattern;
  }

  async close(): Promise<void> {
    for (const connection of [...this.connections]) connection.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
