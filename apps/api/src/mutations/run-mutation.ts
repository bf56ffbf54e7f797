import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { ApiScope } from '@status-communities/db';
import { ErrorCode } from '@status-communities/errors';
import { recordAudit } from '../audit/audit-log.js';
import { requireScope } from '../auth/scopes.js';
import type { ApiContext } from '../context.js';
import {
  commandIdFor,
  findStoredResponse,
  requestHash,
  storeResponse,
} from '../idempotency/idempotency-store.js';
import type { FieldCheck } from './input-checks.js';
import { fieldCheckErrors, inputShapeErrors } from './input-checks.js';
import type { UserErrorValue } from './user-errors.js';
import { userError } from './user-errors.js';

export interface MutationInput {
  readonly idempotencyKey?: string | null;
}

export interface MutationPayload {
  readonly userErrors: UserErrorValue[];
}

export interface MutationSpec<I extends MutationInput, P extends MutationPayload> {
  /** The audit log's name for it, e.g. `community.create`. */
  readonly action: string;
  readonly scope: ApiScope;
  /** The rules its fields must meet beyond their GraphQL types, checked before anything else is read. */
  readonly checks?: (input: I) => readonly FieldCheck[];
  /** The community it acts on, for the audit log. */
  readonly communityOf?: (input: I) => string | null | undefined;
  /** Does the work; `commandId` is the id of the command it queues (stable under an idempotency key). */
  readonly execute: (input: I, context: ApiContext, commandId: string) => Promise<P>;
  /** What is kept for a replay (default: the payload, which must then be JSON). */
  readonly toStored?: (payload: P) => unknown;
  /** A kept response back to a payload (default: as kept). */
  readonly fromStored?: (stored: unknown, context: ApiContext) => Promise<P>;
}

const MAX_IDEMPOTENCY_KEY = 200;

const failed = (...errors: UserErrorValue[]) => ({ userErrors: errors }) as unknown as MutationPayload;

/**
 * Every mutation goes through here: scope check, input rules, idempotency (a key replays the first response;
 * the same key with another input is a CONFLICT), the work, and one audit row whatever the outcome.
 */
export const runMutation = async <I extends MutationInput, P extends MutationPayload>(
  spec: MutationSpec<I, P>,
  input: I,
  context: ApiContext,
): Promise<P> => {
  const { caller, services } = context;
  const { prisma } = services;
  const audit = (errorCode: string | null) =>
    recordAudit(prisma, caller, {
      action: spec.action,
      communityId: spec.communityOf?.(input) ?? null,
      input,
      errorCode,
    });
  try {
    requireScope(caller, spec.scope);
  } catch (error) {
    if (error instanceof GraphQLError) await audit(ErrorCode.FORBIDDEN);
    throw error;
  }

  const key = input.idempotencyKey ?? null;
  if (key !== null && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY)) {
    await audit(ErrorCode.BAD_USER_INPUT);
    return failed(
      userError(ErrorCode.BAD_USER_INPUT, `idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY} characters`, [
        'input',
        'idempotencyKey',
      ]),
    ) as P;
  }
  // Field rules (lengths, NUL, …) before idempotency and the work: a refused input is audited, never stored.
  const shapeErrors = inputShapeErrors(input);
  const refusals = shapeErrors.length > 0 ? shapeErrors : fieldCheckErrors(spec.checks?.(input) ?? []);
  if (refusals.length > 0) {
    await audit(ErrorCode.BAD_USER_INPUT);
    return failed(...refusals) as P;
  }
  const fromStored = spec.fromStored ?? (async (stored: unknown) => stored as P);
  const hash = requestHash(spec.action, input as unknown as Record<string, unknown>);
  if (key !== null) {
    const stored = await findStoredResponse(prisma, caller.keyId, key, services.clock());
    if (stored) {
      if (Buffer.from(stored.requestHash).equals(Buffer.from(hash)))
        return fromStored(stored.response, context);
      await audit(ErrorCode.CONFLICT);
      return failed(
        userError(ErrorCode.CONFLICT, 'This idempotency key was used for another request', [
          'input',
          'idempotencyKey',
        ]),
      ) as P;
    }
  }

  const commandId = key === null ? randomUUID() : commandIdFor(caller.keyId, key);
  let payload: P;
  try {
    payload = await spec.execute(input, context, commandId);
  } catch (error) {
    await audit(error instanceof GraphQLError ? String(error.extensions['code']) : ErrorCode.INTERNAL);
    throw error;
  }
  await audit(payload.userErrors[0]?.code ?? null);
  if (key === null) return payload;
  const toStore = (spec.toStored ?? ((value: P) => value))(payload);
  const kept = await storeResponse(prisma, caller.keyId, key, hash, toStore, services.clock());
  // Another instance stored first (a concurrent retry): answer as it did.
  return kept.response === toStore ? payload : fromStored(kept.response, context);
};

/** A Mutation field resolver from a spec: `(parent, { input }, context) => payload`. */
export const mutationResolver =
  <I extends MutationInput, P extends MutationPayload>(spec: MutationSpec<I, P>) =>
  (_parent: unknown, args: { input: I }, context: ApiContext): Promise<P> =>
    runMutation(spec, args.input, context);
