import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

// Test processes running in parallel (Nx runs two projects, each with its workers) hand out ports for services
// that bind them seconds later: a port free for both at check time went to both once in CI (EADDRINUSE). A port
// is therefore claimed machine-wide first, by a file named after it holding the claiming process's pid; a claim
// whose process is gone is taken over.
const CLAIMS = join(tmpdir(), 'status-communities-test-ports');

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** True when this process now holds `port`: no other test process on this machine is handed it. */
const claim = (port: number): boolean => {
  const file = join(CLAIMS, String(port));
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    const owner = Number(readFileSync(file, 'utf8'));
    // Ours already (handed out before) or another live process's: not again.
    if (!Number.isInteger(owner) || owner === process.pid || isAlive(owner)) return false;
    writeFileSync(file, String(process.pid));
    return true;
  }
};

/**
 * The first of `count` consecutive ports free right now on 127.0.0.1 and claimed by no other test process, from a
 * random start below the ephemeral range, so that no client connection takes one before its service listens.
 */
export const freePortRange = async (count: number): Promise<number> => {
  const highestBase = ephemeralLow() - count;
  mkdirSync(CLAIMS, { recursive: true });
  for (let attempt = 0; attempt < 100; attempt++) {
    const base = LOWEST + Math.floor(Math.random() * (highestBase - LOWEST));
    const ports = Array.from({ length: count }, (_, index) => base + index);
    if ((await Promise.all(ports.map(isFree))).every(Boolean) && ports.every(claim)) return base;
  }
  throw new Error(`no ${count} consecutive free ports found below ${ephemeralLow()}`);
};

/** A TCP port free right now on 127.0.0.1, for a service that must be told its port up front. */
export const freePort = (): Promise<number> => freePortRange(1);
