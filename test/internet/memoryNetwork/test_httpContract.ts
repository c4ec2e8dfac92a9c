/**
 * The HTTP contract over the memory network and over real loopback TCP: the same
 * assertions pass on both.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryNetwork } from 'trial-ts';
import { httpContract } from '../contracts/httpContract';

export class MemoryHttpContractTests extends httpContract(() => {
  const network = new MemoryNetwork();
  const agent = new http.Agent({ keepAlive: false });
  let next = 0;
  return {
    async serve(server) {
      const host = `server${++next}.test`;
      network.listen(server, `${host}:80`);
      return `http://${host}`;
    },
    fetch: (url, init) => network.fetch(url, init),
    agent: Object.assign(agent, { createConnection: (options: { host: string; port: number }) => network.connect({ host: options.host, port: Number(options.port) }) }),
    close: () => network.close(),
  };
}) {}

export class LoopbackHttpContractTests extends httpContract(() => {
  const servers: http.Server[] = [];
  return {
    async serve(server) {
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    fetch: (url, init) => fetch(url, init),
    agent: new http.Agent({ keepAlive: false }),
    async close() {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}) {}
