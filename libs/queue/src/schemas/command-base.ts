import { z } from 'zod';
import { CorrelationIdSchema } from './primitives.js';

/** Fields every command carries: where it came from, for logs and the audit log. */
export const CommandBase = {
  correlationId: CorrelationIdSchema,
  /** Who asked (API key id, tenant user, `scheduler`); recorded in the audit log. */
  actor: z.string().min(1).max(128),
};

/** A command schema: a `type` literal, the common fields, and its own. */
export const command = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...CommandBase, ...shape });
