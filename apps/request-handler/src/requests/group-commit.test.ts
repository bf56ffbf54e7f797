import { describe, expect, it } from '@jest/globals';
import { GroupCommit } from './group-commit.js';

interface Item {
  readonly id: string;
  readonly poison?: boolean;
}

/** A batch runner whose batches finish when the test says so, recording what each batch held. */
const controlledRunner = () => {
  const batches: string[][] = [];
  const finishers: (() => void)[] = [];
  const run = (key: string, items: readonly Item[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items.map((item) => `${key}:${item.id}`));
      finishers.push(() =>
        items.some((item) => item.poison)
          ? reject(new Error('poisoned'))
          : resolve(items.map((item) => `done ${item.id}`)),
      );
    });
  /** Finishes the oldest unfinished batch, once it has started. */
  const finishNext = async () => {
    for (let turn = 0; finishers.length === 0; turn += 1) {
      if (turn > 100) throw new Error('no batch started');
      await Promise.resolve();
    }
    finishers.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { batches, run, finishNext };
};

describe('GroupCommit', () => {
  it('runs a lone item at once, and everything that arrived meanwhile as the next batch', async () => {
    const runner = controlledRunner();
    const commit = new GroupCommit(runner.run, { maxBatch: 10, identity: (item: Item) => item.id });
    const first = commit.submit('c1', { id: 'a' });
    const later = ['b', 'c', 'd'].map((id) => commit.submit('c1', { id }));
    expect(commit.waiting).toBe(3);
    await runner.finishNext();
    await runner.finishNext();
    expect(await first).toBe('done a');
    expect(await Promise.all(later)).toEqual(['done b', 'done c', 'done d']);
    expect(runner.batches).toEqual([['c1:a'], ['c1:b', 'c1:c', 'c1:d']]);
    expect(commit.waiting).toBe(0);
  });

  it('keeps batches to maxBatch and to one item per identity, in arrival order', async () => {
    const runner = controlledRunner();
    const commit = new GroupCommit(runner.run, { maxBatch: 2, identity: (item: Item) => item.id });
    const outcomes = [commit.submit('c1', { id: 'a' })];
    outcomes.push(...['b', 'b', 'c', 'd'].map((id) => commit.submit('c1', { id })));
    for (let batch = 0; batch < 3; batch += 1) await runner.finishNext();
    expect(await Promise.all(outcomes)).toEqual(['done a', 'done b', 'done b', 'done c', 'done d']);
    expect(runner.batches).toEqual([['c1:a'], ['c1:b', 'c1:c'], ['c1:b', 'c1:d']]);
  });

  it('runs the keys independently', async () => {
    const runner = controlledRunner();
    const commit = new GroupCommit(runner.run, { maxBatch: 10, identity: (item: Item) => item.id });
    const one = commit.submit('c1', { id: 'a' });
    const two = commit.submit('c2', { id: 'a' });
    await runner.finishNext();
    await runner.finishNext();
    expect([await one, await two]).toEqual(['done a', 'done a']);
    expect(runner.batches).toEqual([['c1:a'], ['c2:a']]);
  });

  it('runs a batch that threw again item by item: only the faulty item fails', async () => {
    const runner = controlledRunner();
    const commit = new GroupCommit(runner.run, { maxBatch: 10, identity: (item: Item) => item.id });
    const first = commit.submit('c1', { id: 'a' });
    const rest = [
      commit.submit('c1', { id: 'b' }),
      commit.submit('c1', { id: 'bad', poison: true }),
      commit.submit('c1', { id: 'c' }),
    ];
    const settled = Promise.allSettled(rest);
    for (let batch = 0; batch < 5; batch += 1) await runner.finishNext();
    expect(await first).toBe('done a');
    const [b, bad, c] = await settled;
    expect(b).toEqual({ status: 'fulfilled', value: 'done b' });
    expect(bad).toMatchObject({ status: 'rejected', reason: new Error('poisoned') });
    expect(c).toEqual({ status: 'fulfilled', value: 'done c' });
    expect(runner.batches).toEqual([['c1:a'], ['c1:b', 'c1:bad', 'c1:c'], ['c1:b'], ['c1:bad'], ['c1:c']]);
  });
});
