// Entry of the decode thread: opens payloads with the keys the main thread sends, in order, with its own
// segment assembler (one thread, so every segment of a message meets the same assembler).
import { parentPort } from 'node:worker_threads';
import { bug } from '@status-communities/errors';
import { SegmentAssembler } from '@status-communities/protocol';
import { openWithKeys } from './decode.js';
import type { OpenRequest } from './decoder.js';

const assembler = new SegmentAssembler();
const port = parentPort;
if (!port) bug('decode-thread runs as a worker thread');
port.on('message', (requests: readonly OpenRequest[]) => {
  port.postMessage(
    requests.map(({ payload, symKeys, nowMs }) => openWithKeys(payload, symKeys, { assembler, nowMs })),
  );
});
