// The periodic re-evaluation (SG manager.go reevaluateMembersLoop: members re-checked at least every 8 h):
// a timer finds the hosted communities with token permissions whose last check is older than the interval
// and queues one members.reevaluate each; the job id per interval keeps two replicas from doubling it.
import { enqueue } from '@status-communities/queue';
import type { RequestHandlerContext } from '../context.js';

/** Queues the re-evaluations due now; returns how many. */
export const queueDueReevaluations = async (context: RequestHandlerContext): Promise<number> => {
  const now = context.clock();
  const interval = context.settings.permissionsReevaluationMs;
  const due = await context.prisma.community.findMany({
    where: {
      kind: 'HOSTED',
      tokenPermissions: { some: {} },
      OR: [{ permissionsCheckedAt: null }, { permissionsCheckedAt: { lt: new Date(now - interval) } }],
    },
    select: { id: true },
  });
  for (const { id } of due) {
    const added = await enqueue(
      context.requestsQueue,
      {
        type: 'members.reevaluate',
        correlationId: crypto.randomUUID(),
        actor: 'scheduler',
        communityId: id,
        reason: 'schedule',
      },
      { jobId: `reevaluate.schedule.${id}.${Math.floor(now / interval)}` },
    );
    if (!added.ok) throw added.error;
  }
  return due.length;
};

/** Looks for due re-evaluations every `everyMs`; returns the stop function. */
export const startReevaluationSchedule = (context: RequestHandlerContext, everyMs: number): (() => void) => {
  const tick = () => {
    queueDueReevaluations(context).catch((error: unknown) =>
      context.logger.error({ err: error }, 'queueing re-evaluations failed'),
    );
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  tick();
  return () => clearInterval(timer);
};
