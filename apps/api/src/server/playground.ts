import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface PlaygroundAsset {
  readonly name: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/** dist/playground after a build; straight from the packages in node_modules when running from source. */
const assetPath = (packageName: string, from: string, to: string): string => {
  const built = join(import.meta.dirname, '..', 'playground', to);
  if (existsSync(built)) return built;
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve(`${packageName}/package.json`)), from);
};

/** The GraphiQL files, read once at start: served from memory, no CDN. */
export const loadPlaygroundAssets = async (): Promise<Map<string, PlaygroundAsset>> => {
  // One list for this and the build's copy step (scripts/copy-assets.mjs).
  const assets = JSON.parse(await readFile(join(import.meta.dirname, 'playground-assets.json'), 'utf8')) as {
    package: string;
    from: string;
    to: string;
  }[];
  const loaded = await Promise.all(
    assets.map(async ({ package: packageName, from, to }) => ({
      name: to,
      contentType: to.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
      body: await readFile(assetPath(packageName, from, to)),
    })),
  );
  return new Map(loaded.map((asset) => [asset.name, asset]));
};

/** The page: GraphiQL on the endpoint itself; the key goes in the Headers tab. */
export const playgroundHtml = (path: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Status Communities API</title>
<link rel="stylesheet" href="${path}/playground/graphiql.min.css">
<style>body{margin:0;height:100vh}#graphiql{height:100vh}</style>
</head>
<body>
<div id="graphiql">Loading…</div>
<script src="${path}/playground/react.production.min.js"></script>
<script src="${path}/playground/react-dom.production.min.js"></script>
<script src="${path}/playground/graphiql.min.js"></script>
<script>
const fetcher = GraphiQL.createFetcher({ url: location.origin + ${JSON.stringify(path)} });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultHeaders: JSON.stringify({ Authorization: 'Bearer <your API key>' }, null, 2),
    shouldPersistHeaders: true,
  }),
);
</script>
</body>
</html>`;
