import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

// A port handed to a service "for later" must come from below the kernel's ephemeral range: every outgoing
// connection (Redis, PostgreSQL, libp2p dials) and every listen(0) takes its local port from that range, so a
// port picked there and released can be taken before the service binds it (CI saw EADDRINUSE that way).
const FALLBACK_EPHEMERAL_LOW = 32_768;
const LOWEST = 10_000;

const ephemeralLow = (): number => {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const parsed = Number(low);
    return Number.isInteger(parsed) && parsed > LOWEST ? parsed : FALLBACK_EPHEMERAL_LOW;
  } catch {
    return FALLBACK_EPHEMERAL_LOW;
  }
};

const isFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/**
 * The first of `count` consecutive ports free right now on 127.0.0.1, from a random start below the ephemeral
 * range, so parallel runs rarely meet and no client connection takes one before its service listens.
 */
export const freePortRange = async (count: number): Promise<number> => {
  const highestBase = ephemeralLow() - count;
  for (let attempt = 0; attempt < 100; attempt++) {
    const base = LOWEST + Math.floor(Math.random() * (highestBase - LOWEST));
    const ports = Array.from({ length: count }, (_, index) => base + index);
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return base;
  }
  throw new Error(`no ${count} consecutive free ports found below ${ephemeralLow()}`);
};

/** A TCP port free right now on 127.0.0.1, for a service that must be told its port up front. */
export const freePort = (): Promise<number> => freePortRange(1);
