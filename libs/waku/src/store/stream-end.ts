import type { Stream } from '@libp2p/interface';
import type { LengthPrefixedStream } from 'it-length-prefixed-stream';

/**
 * Ends our half of a one-request, one-response exchange and waits, until `signal`, for the peer to end theirs;
 * resets the stream if it sends more or takes too long. Never throws: by now the exchange has happened.
 * @waku/sdk's libp2p multiplexes with mplex, which drops a connection that receives more than 5 frames a second
 * for streams it has already removed; a side that closed both halves before the peer's close frame came would
 * add one per exchange, and a client paging quickly would lose its connection.
 */
export const endExchange = async (
  stream: Stream,
  messages: LengthPrefixedStream,
  signal: AbortSignal,
): Promise<void> => {
  try {
    await stream.closeWrite({ signal });
    await messages.read({ signal });
    stream.abort(new Error('the peer sent more than one message'));
  } catch (error) {
    if (error instanceof Error && error.name === 'UnexpectedEOFError') return;
    stream.abort(error instanceof Error ? error : new Error(String(error)));
  }
};
