// Build step: the SDL files next to the compiled resolvers, and the GraphiQL playground (React 18 and GraphiQL 3
// UMD builds) into dist, so the playground loads nothing from a CDN and the built app needs no devDependencies.
import { cp, mkdir, readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));

await mkdir(join(root, 'dist/schema'), { recursive: true });
for (const file of await readdir(join(root, 'src/schema')))
  if (file.endsWith('.graphql')) await cp(join(root, 'src/schema', file), join(root, 'dist/schema', file));

const assets = JSON.parse(await readFile(join(root, 'src/server/playground-assets.json'), 'utf8'));
await mkdir(join(root, 'dist/playground'), { recursive: true });
for (const asset of assets)
  await cp(
    join(dirname(require.resolve(`${asset.package}/package.json`)), asset.from),
    join(root, 'dist/playground', asset.to),
  );
await cp(join(root, 'src/server/playground-assets.json'), join(root, 'dist/server/playground-assets.json'));
