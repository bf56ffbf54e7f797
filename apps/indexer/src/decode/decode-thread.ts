// Entry of the decode thread: opens payloads with the keys the main thread sends, in order, with its own
// segment assembler (one thread, so every segment of a message meets the same assembler) and base64 scratch.
import { parentPort } from 'node:worker_threads';
import { bug } from '@status-communities/errors';
import { SegmentAssembler } from '@status-communities/protocol';
import { Base64Scratch } from './base64-scratch.js';
import { openWithKeys } from './decode.js';
import type { OpenState } from './decode.js';
import type { OpenRequest } from './decoder.js';

const state: OpenState = { assembler: new SegmentAssembler(), scratch: new Base64Scratch() };
const port = parentPort;
if (!port) bug('decode-thread runs as a worker thread');
port.on('message', (requests: readonly OpenRequest[]) => {
  port.postMessage(
    requests.map(({ payload, symKeys, nowMs }) => openWithKeys(payload, symKeys, state, nowMs)),
  );
});
