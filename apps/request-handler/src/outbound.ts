import type { SealedControlNodeMessage } from '@status-communities/protocol';
import { enqueueOutbound, toOutboundMessages } from '@status-communities/queue';
import type { RequestHandlerContext } from './context.js';

/**
 * Queues sealed messages on waku.outbound, stamped now, with job ids `<idPrefix>-<n>`: a retried job that
 * gets here again adds nothing, so nothing is sent twice.
 */
export const queueOutbound = async (
  context: Pick<RequestHandlerContext, 'outboundQueue' | 'clock'>,
  sealed: SealedControlNodeMessage,
  idPrefix: string,
  correlationId: string,
): Promise<number> => {
  const messages = toOutboundMessages(sealed.messages, context.clock(), correlationId);
  const queued = await enqueueOutbound(context.outboundQueue, messages, idPrefix);
  // Built here from sealed bytes and checked topics: a refusal is a bug.
  if (!queued.ok) throw queued.error;
  return queued.value;
};
