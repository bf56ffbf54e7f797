import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { freePort, freePortRange } from './free-ports.js';

const ephemeralLow = Number(
  readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0],
);

const listenOn = (port: number) =>
  new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });

describe('free ports', () => {
  it('picks ports below the kernel ephemeral range, where no outgoing connection takes them', async () => {
    for (let index = 0; index < 20; index++) {
      const port = await freePort();
      expect(port).toBeGreaterThanOrEqual(10_000);
      expect(port).toBeLessThan(ephemeralLow);
    }
  });

  it('gives consecutive ports a service can listen on', async () => {
    const base = await freePortRange(8);
    expect(base + 8).toBeLessThanOrEqual(ephemeralLow);
    for (let port = base; port < base + 8; port++) await listenOn(port);
  });

  it('claims each port it hands out machine-wide, so no test process running beside this one gets it too', async () => {
    const ports = await Promise.all(Array.from({ length: 50 }, () => freePort()));
    expect(new Set(ports).size).toBe(50);
    for (const port of ports)
      expect(readFileSync(join(tmpdir(), 'status-communities-test-ports', String(port)), 'utf8')).toBe(
        String(process.pid),
      );
  });
});
