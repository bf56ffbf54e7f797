import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStaticFiles } from './static-files.js';

describe('loadStaticFiles', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'console-web-'));
    await mkdir(join(root, 'assets', 'fonts'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html>');
    // A split build: the entry, chunks loaded on demand, their styles and maps.
    await writeFile(join(root, 'assets', 'index-AbC123.js'), 'import("./Chart-XyZ789.js")');
    await writeFile(join(root, 'assets', 'Chart-XyZ789.js'), 'export const DayChart = 1;');
    await writeFile(join(root, 'assets', 'Chart-XyZ789.js.map'), '{}');
    await writeFile(join(root, 'assets', 'Chart-Qw12.css'), '.u-legend{}');
    await writeFile(join(root, 'assets', 'fonts', 'inter-Ab12.woff2'), 'wOF2');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('serves every file of the build by its URL path, chunks and nested folders included', async () => {
    const files = await loadStaticFiles(root);
    expect([...files.keys()].sort()).toEqual([
      '/assets/Chart-Qw12.css',
      '/assets/Chart-XyZ789.js',
      '/assets/Chart-XyZ789.js.map',
      '/assets/fonts/inter-Ab12.woff2',
      '/assets/index-AbC123.js',
      '/index.html',
    ]);
    expect(files.get('/assets/Chart-XyZ789.js')?.body.toString()).toBe('export const DayChart = 1;');
  });

  it('names each content type, and only hashed assets as immutable', async () => {
    const files = await loadStaticFiles(root);
    const described = (path: string) => {
      const file = files.get(path);
      return file && { contentType: file.contentType, immutable: file.immutable };
    };
    expect(described('/index.html')).toEqual({ contentType: 'text/html; charset=utf-8', immutable: false });
    expect(described('/assets/Chart-XyZ789.js')).toEqual({
      contentType: 'text/javascript; charset=utf-8',
      immutable: true,
    });
    expect(described('/assets/Chart-Qw12.css')).toEqual({
      contentType: 'text/css; charset=utf-8',
      immutable: true,
    });
    expect(described('/assets/Chart-XyZ789.js.map')).toEqual({
      contentType: 'application/json',
      immutable: true,
    });
    expect(described('/assets/fonts/inter-Ab12.woff2')).toEqual({
      contentType: 'font/woff2',
      immutable: true,
    });
  });
});
