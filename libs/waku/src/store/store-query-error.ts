/**
 * Why a Store query to a peer failed. `refused`: the peer answered with a non-2xx status;
 * `bad-response`: its answer broke 13/WAKU2-STORE v3; `unreachable`: no stream could be opened or it broke.
 */
export type StoreQueryFailure = 'unreachable' | 'timeout' | 'aborted' | 'refused' | 'bad-response';

export class StoreQueryError extends Error {
  override readonly name = 'StoreQueryError';

  constructor(
    readonly peer: string,
    readonly failure: StoreQueryFailure,
    message: string,
    /** The peer's status code, for `refused`. */
    readonly statusCode?: number,
    options?: { cause?: unknown },
  ) {
    super(`store query to ${peer} failed (${failure}): ${message}`, options);
  }
}
