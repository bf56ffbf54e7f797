import type { LengthPrefixedStream } from 'it-length-prefixed-stream';

/**
 * Waits for the peer to end its half of a one-request, one-response exchange, after we ended ours
 * (closeWrite). @waku/sdk's libp2p multiplexes with mplex, which drops a connection that receives more than 5
 * frames a second for streams it has already removed: a side that closed both halves before the peer's close
 * frame came would add one per exchange, and a client paging quickly would lose its connection.
 */
export const awaitPeerEnd = async (messages: LengthPrefixedStream, signal: AbortSignal): Promise<void> => {
  try {
    await messages.read({ signal });
  } catch (error) {
    if (error instanceof Error && error.name === 'UnexpectedEOFError') return;
    throw error;
  }
  throw new Error('the peer sent more than one message');
};
