import { COMMUNITY_CHOICES } from '../api/documents.js';
import type { GraphQLClient } from '../api/graphql-client.js';
import { appendPage, emptyList, nextPageVariables } from '../lib/connection.js';
import type { Connection } from '../lib/connection.js';
import type { PagedList } from '../lib/connection.js';
import { useLoad } from '../session.js';

export interface CommunityChoice {
  readonly id: string;
  readonly communityId: string;
  readonly kind: string;
  readonly identity: { readonly name: string };
}

// Enough for a picker; a tenant with more is told that the list stops here.
const MAX_PAGES = 3;
const PAGE_SIZE = 100;

const readChoices = async (client: GraphQLClient): Promise<PagedList<CommunityChoice>> => {
  let list = emptyList<CommunityChoice>();
  for (let page = 0; page < MAX_PAGES && (page === 0 || list.hasNextPage); page++) {
    const { communities } = await client.request<{ communities: Connection<CommunityChoice> }>(
      COMMUNITY_CHOICES,
      nextPageVariables(list, PAGE_SIZE),
    );
    list = appendPage(list, communities, (row) => row.id);
  }
  return list;
};

/** The hosted and watched communities the key sees, newest first, for a page's community pickers. */
export const useCommunityChoices = () => useLoad(readChoices, []);
