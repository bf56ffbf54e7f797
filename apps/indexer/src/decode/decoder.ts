// Where payloads are opened: on a decode thread (the default), so the two signature recoveries, AES and keccak
// of every message run beside the main thread's queue and database work on a 2-core machine; or inline.
import { Worker } from 'node:worker_threads';
import { SegmentAssembler } from '@status-communities/protocol';
import { Base64Scratch } from './base64-scratch.js';
import { openWithKeys } from './decode.js';
import type { OpenState, Opened } from './decode.js';

export interface OpenRequest {
  /** The Waku payload as the job carries it, base64: decoded where it is opened, so never copied between threads. */
  readonly payload: string;
  /** The candidate routes' keys, in route order. */
  readonly symKeys: readonly Uint8Array[];
  readonly nowMs: number;
}

export interface Decoder {
  open(request: OpenRequest): Promise<Opened>;
  close(): Promise<void>;
}

/** Opens on the calling thread. */
export const inlineDecoder = (): Decoder => {
  const state: OpenState = { assembler: new SegmentAssembler(), scratch: new Base64Scratch() };
  return {
    open: async ({ payload, symKeys, nowMs }) => openWithKeys(payload, symKeys, state, nowMs),
    close: async () => undefined,
  };
};

interface Waiting {
  readonly resolve: (opened: Opened) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Run from TypeScript source (tests, benches under tsx), the thread loads its entry through tsx with the
 * workspace's source condition; built, it loads the compiled entry beside this file.
 */
const startThread = (): Worker => {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./decode-thread.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return new Worker(entry);
  return new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`,
    { eval: true, execArgv: ['--conditions=@status-communities/source'] },
  );
};

/**
 * One decode thread, fed in batches: requests made in one turn of the event loop go in one message, and
 * replies come back in the same order. One thread keeps segment reassembly in one place. If the thread dies,
 * its requests fail (their jobs are retried) and the next request starts a new thread.
 */
export class ThreadDecoder implements Decoder {
  private worker: Worker | undefined;
  private queued: (OpenRequest & Waiting)[] = [];
  private readonly inFlight: Waiting[][] = [];
  private closed = false;

  open(request: OpenRequest): Promise<Opened> {
    if (this.closed) return Promise.reject(new Error('decoder is closed'));
    return new Promise<Opened>((resolve, reject) => {
      if (this.queued.length === 0) setImmediate(() => this.post());
      this.queued.push({ ...request, resolve, reject });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.worker?.terminate();
  }

  private post(): void {
    const batch = this.queued;
    this.queued = [];
    if (this.closed) {
      for (const waiting of batch) waiting.reject(new Error('decoder is closed'));
      return;
    }
    const worker = (this.worker ??= this.start());
    this.inFlight.push(batch);
    const requests: OpenRequest[] = batch.map(({ payload, symKeys, nowMs }) => ({ payload, symKeys, nowMs }));
    worker.postMessage(requests);
  }

  private start(): Worker {
    const worker = startThread();
    worker.on('message', (results: readonly Opened[]) => {
      const batch = this.inFlight.shift() ?? [];
      batch.forEach((waiting, index) => {
        const opened = results[index];
        if (opened) waiting.resolve(opened);
        else waiting.reject(new Error('decode thread answered fewer requests than it was sent'));
      });
    });
    const fail = (error: unknown) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const batch of this.inFlight.splice(0)) for (const waiting of batch) waiting.reject(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`decode thread exited with code ${code}`)));
    return worker;
  }
}
