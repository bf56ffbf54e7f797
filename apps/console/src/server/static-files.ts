import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';

export interface StaticFile {
  readonly contentType: string;
  readonly body: Buffer;
  /** Vite names built assets by their content hash: they never change under one name. */
  readonly immutable: boolean;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

const listFiles = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? listFiles(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]),
    ),
  );
  return nested.flat();
};

/**
 * Every file of the built web app, read once at start and served from memory by its URL path: a request can
 * name no file outside the build, whatever its `..`s.
 */
export const loadStaticFiles = async (root: string): Promise<Map<string, StaticFile>> => {
  const files = new Map<string, StaticFile>();
  for (const path of await listFiles(root)) {
    const urlPath = `/${relative(root, path).split(sep).join('/')}`;
    files.set(urlPath, {
      contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
      body: await readFile(path),
      immutable: urlPath.startsWith('/assets/'),
    });
  }
  return files;
};
