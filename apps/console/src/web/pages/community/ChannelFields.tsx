/** A channel's name, description and colour as Status accepts them: the new-channel and edit forms share them. */
export const ChannelFields = ({
  channel,
}: {
  channel?: { name: string; description: string; color: string };
}) => (
  <>
    <label>
      Name{' '}
      <input
        name="name"
        required
        maxLength={24}
        pattern="[a-z0-9-]+"
        title="lower-case letters, digits and -"
        defaultValue={channel?.name}
      />
    </label>
    <label>
      Description <input name="description" maxLength={140} defaultValue={channel?.description} />
    </label>
    <label>
      Color <input name="color" type="color" defaultValue={channel?.color || '#4360df'} />
    </label>
  </>
);
