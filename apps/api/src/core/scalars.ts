import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const invalid = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

const parseDateTime = (value: unknown): Date => {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
    throw invalid('DateTime must be an ISO-8601 string');
  return new Date(value);
};

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string') return new Date(value).toISOString();
    throw new TypeError('DateTime expects a Date');
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

const parseUint64 = (value: unknown): string => {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^(?:0|[1-9][0-9]{0,19})$/.test(text) || BigInt(text) >= 2n ** 64n)
    throw invalid('BigInt must be an unsigned 64-bit integer in decimal');
  return text;
};

export const BigIntScalar = new GraphQLScalarType<string, string>({
  name: 'BigInt',
  serialize: (value) => {
    if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'string')
      return String(value);
    throw new TypeError('BigInt expects a bigint');
  },
  parseValue: parseUint64,
  parseLiteral: (ast) =>
    parseUint64(ast.kind === Kind.STRING || ast.kind === Kind.INT ? ast.value : undefined),
});

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const parseDay = (value: unknown): string => {
  if (typeof value !== 'string' || !DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw invalid('Date must be YYYY-MM-DD');
  return value;
};

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string') return parseDay(value);
    throw new TypeError('Date expects a Date or YYYY-MM-DD');
  },
  parseValue: parseDay,
  parseLiteral: (ast) => parseDay(ast.kind === Kind.STRING ? ast.value : undefined),
});
