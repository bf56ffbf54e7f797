import { envInteger } from '@status-communities/config';

/** The api's subscription variables: spread into its service configuration. */
export const subscriptionVariables = {
  /**
   * Live events held for one subscriber that reads slower than they come; past it the subscription ends
   * with SLOW_CONSUMER. 1,000 events of ~1 KB is about 1 MB per subscriber at worst.
   */
  SUBSCRIPTION_BUFFER_EVENTS: envInteger({ min: 1, max: 100_000, defaultValue: 1_000 }),
};
