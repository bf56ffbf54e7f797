/** Types fetchable with `node(id:)`. */
export type NodeType =
  | 'ApiKey'
  | 'AuditLogEntry'
  | 'BotIdentity'
  | 'Channel'
  | 'Community'
  | 'DirectMessage'
  | 'Message'
  | 'RequestToJoin';

const NODE_TYPES = new Set<string>([
  'ApiKey',
  'AuditLogEntry',
  'BotIdentity',
  'Channel',
  'Community',
  'DirectMessage',
  'Message',
  'RequestToJoin',
]);

/** Relay global id: base64url of `<Type>:<key>`, opaque to clients. */
export const toGlobalId = (type: NodeType, key: string): string =>
  Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');

export const fromGlobalId = (id: string): { type: NodeType; key: string } | null => {
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  const type = text.slice(0, colon);
  const key = text.slice(colon + 1);
  return NODE_TYPES.has(type) && key.length > 0 ? { type: type as NodeType, key } : null;
};
