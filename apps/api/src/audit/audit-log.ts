import type { Prisma, PrismaClient } from '@status-communities/db';
import { writeAudit } from '@status-communities/db';
import { err, ok } from '@status-communities/errors';
import { createSecretScrubber } from '@status-communities/observability';
import type { Caller } from '../context.js';
import { storableText } from '../limits/input-text.js';

const MAX_STRING = 200;
const scrub = createSecretScrubber();

/**
 * Long texts (messages, descriptions, images) are cut: the log says what was asked, not all of it. What
 * PostgreSQL cannot hold (NUL, a lone surrogate, as the cut may leave) is replaced, so a refusal is audited.
 */
const shorten = (value: unknown): unknown => {
  if (typeof value === 'string')
    return storableText(value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value);
  if (Array.isArray(value)) return value.map(shorten);
  // Plain data only: dates and other objects keep their own JSON form.
  if (
    value !== null &&
    typeof value === 'object' &&
    [Object.prototype, null].includes(Object.getPrototypeOf(value))
  )
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shorten(inner)]));
  return value;
};

/** A mutation's input as the audit log keeps it: secrets redacted, long strings cut, JSON-safe. */
export const auditSummary = (input: unknown): object =>
  JSON.parse(JSON.stringify(shorten(scrub((input ?? {}) as Record<string, unknown>)))) as object;

/** What a mutation's audit row says; the caller adds who asked. */
export interface MutationAudit {
  readonly action: string;
  readonly communityId?: string | null;
  readonly input: unknown;
  readonly errorCode: string | null;
}

export const actorOf = (caller: Caller): string => `api-key:${caller.keyName} (${caller.keyPrefix})`;

/** One row per mutation: who (key and tenant), what (action and redacted input), and how it ended. */
export const recordAudit = async (
  prisma: PrismaClient,
  caller: Caller,
  record: MutationAudit,
): Promise<void> => {
  await writeAudit(prisma, {
    tenantId: caller.tenantId,
    apiKeyId: caller.keyId,
    actor: actorOf(caller),
    action: record.action,
    // Named by the caller: a refused one may hold what PostgreSQL cannot.
    communityId: record.communityId == null ? null : storableText(record.communityId),
    input: auditSummary(record.input) as Prisma.InputJsonObject,
    result: record.errorCode === null ? ok(undefined) : err({ code: record.errorCode }),
  });
};
