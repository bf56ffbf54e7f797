import { useState } from 'react';
import type { FormEvent } from 'react';
import { idempotencyKey, runCommand } from '../../api/commands.js';
import {
  DELETE_CATEGORY,
  DELETE_CHANNEL,
  REORDER_CATEGORY,
  REORDER_CHANNEL,
  UPDATE_CHANNEL,
  UPSERT_CATEGORY,
} from '../../api/documents.js';
import type { GraphQLClient } from '../../api/graphql-client.js';
import { Done, Problems } from '../../components/Problems.js';
import { channelSections, movedPosition } from '../../lib/structure.js';
import { useAction } from '../../session.js';
import { ChannelFields } from './ChannelFields.js';
import type { ChannelDetail, CommunityDetail } from './community-detail.js';

type Category = CommunityDetail['categories'][number];

/** What every structure change answers until the control node publishes it. */
const QUEUED = 'Queued: the list changes once the community is published again.';

/**
 * The channels by category, as the Status app lists them, with what an operator changes there: edit, move
 * within a category, delete; and the categories: new, rename, move, delete. Each change is a command the
 * control node applies and publishes; the list follows the next description.
 */
export const ChannelList = ({
  community,
  chosen,
  choose,
}: {
  community: CommunityDetail;
  chosen: string | undefined;
  choose(uuid: string): void;
}) => {
  const action = useAction();
  const command = (document: string, input: Record<string, unknown>) =>
    void action.run(async (client: GraphQLClient) => {
      await runCommand(client, document, {
        communityId: community.communityId,
        ...input,
        idempotencyKey: idempotencyKey(),
      });
      return QUEUED;
    });
  const sections = channelSections(community.channels, community.categories);
  const categories = [...community.categories].sort((a, b) => a.position - b.position);
  return (
    <div>
      {sections.length === 0 ? <p>No channel yet.</p> : null}
      {sections.map(({ category, channels }) => (
        <section
          key={category?.categoryId ?? ''}
          data-category={category?.categoryId ?? ''}
          aria-label={category ? `Category ${category.name}` : 'Channels without a category'}
        >
          {category ? (
            <CategoryHeading
              category={category}
              index={categories.indexOf(category)}
              count={categories.length}
              command={command}
            />
          ) : null}
          <ul className="rows-list" role="list">
            {channels.map((channel, index) => (
              <ChannelRow
                key={channel.uuid}
                channel={channel}
                categories={categories}
                chosen={channel.uuid === chosen}
                choose={() => choose(channel.uuid)}
                up={movedPosition(index, channels.length, -1)}
                down={movedPosition(index, channels.length, 1)}
                command={command}
              />
            ))}
          </ul>
        </section>
      ))}
      <Problems problems={action.problems} />
      <Done text={action.done} />
      <NewCategory communityId={community.communityId} />
    </div>
  );
};

type Command = (document: string, input: Record<string, unknown>) => void;

const ChannelRow = ({
  channel,
  categories,
  chosen,
  choose,
  up,
  down,
  command,
}: {
  channel: ChannelDetail;
  categories: readonly Category[];
  chosen: boolean;
  choose(): void;
  up: number | undefined;
  down: number | undefined;
  command: Command;
}) => {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const reorder = (position: number) =>
    command(REORDER_CHANNEL, { channelId: channel.uuid, categoryId: channel.categoryId, position });
  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const categoryId = String(form.get('categoryId') ?? '');
    command(UPDATE_CHANNEL, {
      channelId: channel.uuid,
      name: String(form.get('name')),
      description: String(form.get('description') ?? ''),
      emoji: channel.emoji,
      color: String(form.get('color')),
      categoryId: categoryId === '' ? null : categoryId,
    });
    setEditing(false);
  };
  return (
    <li data-channel={channel.uuid}>
      <button type="button" aria-pressed={chosen} onClick={choose}>
        {channel.emoji} #{channel.name}
      </button>{' '}
      <span className="muted">{channel.encrypted ? 'members only' : null}</span>
      <span className="row-actions">
        <button
          type="button"
          aria-expanded={editing}
          onClick={() => setEditing(!editing)}
          aria-label={`Edit #${channel.name}`}
        >
          Edit
        </button>
        {up !== undefined ? (
          <button type="button" onClick={() => reorder(up)} aria-label={`Move #${channel.name} up`}>
            ↑
          </button>
        ) : null}
        {down !== undefined ? (
          <button type="button" onClick={() => reorder(down)} aria-label={`Move #${channel.name} down`}>
            ↓
          </button>
        ) : null}
        {deleting ? (
          <button
            type="button"
            className="danger"
            onClick={() => command(DELETE_CHANNEL, { channelId: channel.uuid })}
          >
            Really delete #{channel.name}
          </button>
        ) : (
          <button type="button" onClick={() => setDeleting(true)} aria-label={`Delete #${channel.name}`}>
            Delete
          </button>
        )}
      </span>
      {editing ? (
        <form className="panel" onSubmit={save} aria-label={`Edit #${channel.name}`}>
          <ChannelFields channel={channel} />
          <label>
            Category{' '}
            <select name="categoryId" defaultValue={channel.categoryId ?? ''}>
              <option value="">No category</option>
              {categories.map((category) => (
                <option key={category.categoryId} value={category.categoryId}>
                  {category.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Save #{channel.name}</button>
        </form>
      ) : null}
    </li>
  );
};

const CategoryHeading = ({
  category,
  index,
  count,
  command,
}: {
  category: Category;
  index: number;
  count: number;
  command: Command;
}) => {
  const [renaming, setRenaming] = useState(false);
  const up = movedPosition(index, count, -1);
  const down = movedPosition(index, count, 1);
  const reorder = (position: number) =>
    command(REORDER_CATEGORY, { categoryId: category.categoryId, position });
  const rename = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name'));
    command(UPSERT_CATEGORY, { categoryId: category.categoryId, name, position: category.position });
    setRenaming(false);
  };
  return (
    <header className="category-heading">
      <h3>{category.name}</h3>
      <span className="row-actions">
        <button
          type="button"
          aria-expanded={renaming}
          onClick={() => setRenaming(!renaming)}
          aria-label={`Rename category ${category.name}`}
        >
          Rename
        </button>
        {up !== undefined ? (
          <button type="button" onClick={() => reorder(up)} aria-label={`Move category ${category.name} up`}>
            ↑
          </button>
        ) : null}
        {down !== undefined ? (
          <button
            type="button"
            onClick={() => reorder(down)}
            aria-label={`Move category ${category.name} down`}
          >
            ↓
          </button>
        ) : null}
        <button
          type="button"
          onClick={() => command(DELETE_CATEGORY, { categoryId: category.categoryId })}
          aria-label={`Delete category ${category.name} (its channels stay, without a category)`}
        >
          Delete
        </button>
      </span>
      {renaming ? (
        <form onSubmit={rename} aria-label={`Rename category ${category.name}`}>
          <label>
            New name <input name="name" required maxLength={24} defaultValue={category.name} />
          </label>
          <button type="submit">Rename</button>
        </form>
      ) : null}
    </header>
  );
};

const NewCategory = ({ communityId }: { communityId: string }) => {
  const action = useAction();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    const name = String(new FormData(target).get('name'));
    void action
      .run(async (client) => {
        await runCommand(client, UPSERT_CATEGORY, { communityId, name, idempotencyKey: idempotencyKey() });
        return QUEUED;
      })
      .then((ok) => ok && target.reset());
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="new-category-title">
      <h3 id="new-category-title">New category</h3>
      <label>
        Category name <input name="name" required maxLength={24} />
      </label>
      <button type="submit" disabled={action.pending}>
        Create category
      </button>
      <Problems problems={action.problems} />
      <Done text={action.done} />
    </form>
  );
};
