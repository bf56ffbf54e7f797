import type { DirectMessage } from '@status-communities/db';

/** A direct_messages row with its bot's key (the row names the identity by id). */
export type DirectMessageModel = DirectMessage & { readonly botKey: string };
