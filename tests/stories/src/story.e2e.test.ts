import { jest } from '@jest/globals';
import { REDIS_URL } from '@status-communities/api/testing';
import { communityStory } from './story.js';

// Six processes and a devnet on a busy 2-core machine.
jest.setTimeout(240_000);

communityStory({ name: 'one Redis', redisUrl: () => REDIS_URL });
