import { readFile } from 'node:fs/promises';
import { parseEnv } from 'node:util';

/** Variables of a dotenv file (`KEY=value` lines, as docker compose reads them); none if it does not exist. */
export const readEnvFile = async (path: string): Promise<Record<string, string>> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return {};
    throw error;
  }
  return Object.fromEntries(
    Object.entries(parseEnv(text)).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
};

/** The environment the platform runs with: the file's values, overridden by what the shell sets. */
export const withEnvFile = (
  fileEnv: Readonly<Record<string, string>>,
  processEnv: NodeJS.ProcessEnv,
): NodeJS.ProcessEnv => ({ ...fileEnv, ...processEnv });
