/**
 * Prisma's `contains` puts the text into an (I)LIKE pattern unescaped: `%` and `_` in a search would match
 * anything. PostgreSQL's default LIKE escape is the backslash, so it and both wildcards are escaped with it.
 */
export const literalLike = (text: string): string => text.replace(/[\\%_]/g, (char) => `\\${char}`);
