import { describe, expect, it } from '@jest/globals';
import { publicKeyFromPrivateKey } from '@status-communities/crypto';
import { newKey, TestCommunity } from '@status-communities/testing';
import { decideDescription } from './description.js';

describe('decideDescription', () => {
  it('keeps the members and channels a token-gated description hides in its encrypted part', () => {
    const alice = newKey();
    const community = new TestCommunity(newKey());
    community.addMember(alice);
    const general = community.addChannel('general');
    community.clock = 1_700_000_000_000;
    const previous = community.model();

    community.clock += 1;
    const gated = community.build();
    gated.members = {};
    gated.chats = {};
    gated.privateData = { ['ab'.repeat(32) + '1']: new Uint8Array([1, 2, 3]) };
    const decision = decideDescription({
      origin: { hash: '00'.repeat(32), atMs: Date.now() },
      routedCommunityId: community.communityId,
      description: gated,
      signer: publicKeyFromPrivateKey(community.key.privateKey),
      raw: new Uint8Array([1]),
      state: {
        communityId: community.communityId,
        stored: true,
        clock: previous.clock,
        controlNode: undefined,
        model: previous,
      },
    });

    expect(decision.outcome).toBe('accept');
    if (decision.outcome !== 'accept' || decision.fact.kind !== 'description') return;
    expect([...decision.fact.model.members.keys()]).toEqual([...previous.members.keys()]);
    expect([...decision.fact.model.channels.keys()]).toEqual([general]);
    expect(decision.fact.diff.membersRemoved).toEqual([]);
    expect(decision.fact.diff.channelsRemoved).toEqual([]);
  });
});
