export type LogFormat = 'pretty' | 'json';

/** Wide enough for the longest service name, so messages line up. */
const NAME_WIDTH = 'request-handler'.length;

/** Fields every line of libs/observability's logger carries; `pretty` shows them in the prefix or not at all. */
const ENVELOPE_FIELDS = new Set(['level', 'time', 'msg', 'service', 'pid', 'hostname']);

const parseJsonObject = (line: string): Record<string, unknown> | undefined => {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/** `hh:mm:ss.mmm` of an ISO time, or nothing. */
const clockOf = (time: unknown): string =>
  typeof time === 'string' && /T\d\d:\d\d:\d\d/.test(time) ? time.slice(11, 23) : '';

/** `pretty`: `time LEVEL message {other fields}` from a JSON log line (correlationId stays visible). */
const prettify = (line: string): string => {
  const entry = parseJsonObject(line);
  if (entry === undefined) return line;
  const rest = Object.fromEntries(Object.entries(entry).filter(([key]) => !ENVELOPE_FIELDS.has(key)));
  const level = typeof entry['level'] === 'string' ? entry['level'].toUpperCase().padEnd(5) : '';
  const message = typeof entry['msg'] === 'string' ? entry['msg'] : '';
  const fields = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  return [clockOf(entry['time']), level, `${message}${fields}`].filter((part) => part !== '').join(' ');
};

/** One output line for a line a process wrote: its name, then the line as the format asks. */
export const formatLogLine = (source: string, line: string, format: LogFormat): string =>
  `${source.padEnd(NAME_WIDTH)} │ ${format === 'pretty' ? prettify(line) : line}`;
