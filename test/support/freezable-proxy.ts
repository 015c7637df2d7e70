// A TCP proxy to a database server that a test can make go silent, as a stopped (SIGSTOP) server, a frozen
// VM or a network path that drops packets would: the connections stay open and nothing comes through. It can
// also reset its connections, as a firewall, a NAT or a load balancer that forgot them would: both ends get a
// TCP RST (ECONNRESET), with no word from the server first.
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

  /** Closes both sides with a TCP RST instead of a FIN. */
  reset(): void {
    this.#proxy.connections.delete(this);
    for (const socket of [this.#client, this.#server]) if (!socket.destroyed) socket.resetAndDestroy();
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
    if (!armed.pattern.test(this.#sent)) return;
    this.#proxy.armed = undefined;
    // Withheld: the statement reached the server (it runs, a COMMIT commits); its answer never reaches the client.
    if (armed.then === 'withhold') this.#answersWithheld = true;
    // Reset: the client waits on the statement it sent; whether the server got it first is up to the network.
    else this.reset();
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
  /** Set by `withholdAnswersAfter` or `resetAfter`: what one connection's bytes sent since then must match, and what then befalls it. */
  armed: { pattern: RegExp; then: 'withhold' | 'reset' } | undefined;
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
    this.armed = { pattern, then: 'withhold' };
  }

  /** On the first connection whose bytes sent from now on come to match `pattern`, both ends are reset as those bytes go. */
  resetAfter(pattern: RegExp): void {
    this.armed = { pattern, then: 'reset' };
  }

  /** Resets every open connection now: the client and the server each get a TCP RST. */
  reset(): void {
    for (const connection of [...this.connections]) connection.reset();
  }

  async close(): Promise<void> {
    for (const connection of [...this.connections]) connection.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
