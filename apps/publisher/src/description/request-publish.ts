import type { PublishDescriptionJob } from '@status-communities/queue';
import { enqueue, publishDescriptionJobOptions } from '@status-communities/queue';
import type { PublisherContext } from '../context.js';

/**
 * Asks for a publish of what is stored now. A change waits PUBLISH_DEBOUNCE_MS so a burst of commands
 * goes out as one description; repairs and scheduled publishes go at once. Requests coalesce per community.
 */
export const requestPublish = async (
  context: Pick<PublisherContext, 'publishQueue' | 'settings'>,
  job: PublishDescriptionJob,
): Promise<void> => {
  const delay = job.reason === 'changed' ? context.settings.publishDebounceMs : 0;
  const added = await enqueue(
    context.publishQueue,
    job,
    publishDescriptionJobOptions(job.communityId, delay),
  );
  // The job is built here from checked values: a refusal is a bug.
  if (!added.ok) throw added.error;
};
