/**
 * The key a client presents: `Authorization: Bearer <key>` or `X-Api-Key: <key>` over HTTP, and
 * `{ authorization: 'Bearer <key>' }` or `{ apiKey: '<key>' }` as graphql-ws connection parameters.
 */
export const credentialsOf = (authorization: unknown, apiKey: unknown): string | null => {
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    return match?.[1] ?? null;
  }
  return typeof apiKey === 'string' && apiKey.length > 0 ? apiKey.trim() : null;
};
