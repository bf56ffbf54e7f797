// Reads that the jobs of one community share while one of them is in flight: a burst of joins reads its
// community and its token permissions once per wave instead of once per request. Nothing is kept once a read
// ends, so no answer is older than a read the job could have started itself a moment earlier.
import type { PrismaClient } from '@status-communities/db';
import type { TokenPermissionModel } from '@status-communities/protocol';
import { loadTokenPermissions } from '../permissions/permission-store.js';
import type { HostedCommunity } from './hosted-community.js';
import { readHostedCommunity } from './hosted-community.js';

/** Concurrent calls with one key share one call of `load`. */
export class SingleFlight<V> {
  private readonly inFlight = new Map<string, Promise<V>>();

  run(key: string, load: () => Promise<V>): Promise<V> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const started = load().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }
}

export class SharedReads {
  private readonly communities = new SingleFlight<HostedCommunity | null>();
  private readonly permissions = new SingleFlight<readonly TokenPermissionModel[]>();

  constructor(private readonly prisma: PrismaClient) {}

  /** The hosted community's settings and clocks (readHostedCommunity). */
  hostedCommunity(communityId: string): Promise<HostedCommunity | null> {
    return this.communities.run(communityId, () => readHostedCommunity(this.prisma, communityId));
  }

  /** The community's token permissions (loadTokenPermissions). */
  tokenPermissions(communityId: string): Promise<readonly TokenPermissionModel[]> {
    return this.permissions.run(communityId, () => loadTokenPermissions(this.prisma, communityId));
  }
}
