import { createHash } from 'node:crypto';
import type { Prisma, PrismaClient } from '@status-communities/db';

/** Keys are kept a day: long enough for any client retry, short enough to keep the table small. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** JSON with keys in a fixed order, so the same input always hashes the same. */
const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
};

/** What makes two requests the same: the mutation and its input, the idempotency key aside. */
export const requestHash = (action: string, input: Record<string, unknown>): Uint8Array<ArrayBuffer> => {
  const { idempotencyKey: _key, ...rest } = input;
  return new Uint8Array(
    createHash('sha256')
      .update(`${action}\n${canonicalJson(rest)}`)
      .digest(),
  );
};

/** The id of the command a keyed mutation queues: the same on a retry, so BullMQ keeps one job. */
export const commandIdFor = (apiKeyId: string, idempotencyKey: string): string =>
  `cmd-${createHash('sha256').update(`${apiKeyId}\n${idempotencyKey}`).digest('hex').slice(0, 32)}`;

export interface StoredResponse {
  readonly requestHash: Uint8Array;
  readonly response: unknown;
}

export const findStoredResponse = async (
  prisma: PrismaClient,
  apiKeyId: string,
  key: string,
  now: number,
): Promise<StoredResponse | null> => {
  const row = await prisma.idempotencyKey.findUnique({ where: { apiKeyId_key: { apiKeyId, key } } });
  if (!row || row.createdAt.getTime() < now - IDEMPOTENCY_TTL_MS) return null;
  return { requestHash: row.requestHash, response: row.response };
};

/**
 * Keeps a response for replay; when another instance stored one first (a concurrent retry), returns that one,
 * so both callers see the same answer.
 */
export const storeResponse = async (
  prisma: PrismaClient,
  apiKeyId: string,
  key: string,
  hash: Uint8Array<ArrayBuffer>,
  response: unknown,
  now: number,
): Promise<StoredResponse> => {
  // An expired row is replaced: the key may be used again after the TTL.
  await prisma.idempotencyKey.deleteMany({
    where: { apiKeyId, key, createdAt: { lt: new Date(now - IDEMPOTENCY_TTL_MS) } },
  });
  const created = await prisma.idempotencyKey.createMany({
    data: [{ apiKeyId, key, requestHash: hash, response: response as Prisma.InputJsonValue }],
    skipDuplicates: true,
  });
  if (created.count === 1) return { requestHash: hash, response };
  const stored = await findStoredResponse(prisma, apiKeyId, key, now);
  return stored ?? { requestHash: hash, response };
};
