import { describe, expect, it } from '@jest/globals';
import { runCli } from '../run-cli.js';

describe('devnet', () => {
  it('prints every node and the bootstrap line, runs until stopped, then exits 0', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const stop = new AbortController();
    const exit = runCli(
      ['devnet', '--nodes', '2', '--shards', '32,64', '--json'],
      {
        out: (line) => {
          out.push(line);
          stop.abort(); // the first print is the running network: that is the moment to stop it
        },
        err: (line) => err.push(line),
      },
      { stop: stop.signal },
    );
    expect(await exit).toBe(0);
    expect(err).toEqual([]);
    const running = JSON.parse(out[0]!) as {
      nodes: { peerId: string; multiaddr: string }[];
      shards: number[];
      storeNode: string;
      env: string;
    };
    expect(running.nodes).toHaveLength(2);
    expect(running.shards).toEqual([32, 64]);
    for (const node of running.nodes) expect(node.multiaddr).toMatch(/^\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\//);
    expect(running.storeNode).toBe(running.nodes[0]!.multiaddr);
    expect(running.env).toBe(`WAKU_BOOTSTRAP_PEERS=${running.nodes.map((node) => node.multiaddr).join(',')}`);
    expect(JSON.parse(out[1]!)).toEqual({ stopped: true });
  }, 30_000);

  it('refuses bad options with one line', async () => {
    for (const argv of [
      ['--nodes', '1'],
      ['--port', 'x'],
      ['--shards', '32,big'],
    ]) {
      const err: string[] = [];
      const code = await runCli(['devnet', ...argv], { out: () => undefined, err: (line) => err.push(line) });
      expect(code).toBe(1);
      expect(err).toEqual([expect.stringMatching(/^error: BAD_USER_INPUT: /)]);
    }
  });

  it('does not take inherited object keys for subcommands', async () => {
    const err: string[] = [];
    expect(await runCli(['key', 'toString'], { out: () => undefined, err: (line) => err.push(line) })).toBe(
      1,
    );
    expect(await runCli(['constructor'], { out: () => undefined, err: (line) => err.push(line) })).toBe(1);
    expect(err).toHaveLength(2);
  });
});
