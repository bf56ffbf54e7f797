// Prints the longest functions (by lines) in the non-test TypeScript source of apps/ and libs/, to watch the size
// of composition roots and other long bodies. Usage: node scripts/longest-functions.mjs [count=10]
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = new URL('..', import.meta.url).pathname;
const count = Number(process.argv[2] ?? 10);
const skipped = new Set(['node_modules', 'dist', 'gen', 'generated', 'testing']);

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!skipped.has(entry.name)) yield* sourceFiles(join(dir, entry.name));
    } else if (entry.name.endsWith('.ts') && !/\.(test|spec|d)\.ts$/.test(entry.name)) {
      yield join(dir, entry.name);
    }
  }
}

function functionName(node) {
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)))
    return parent.name.getText();
  return '(anonymous)';
}

const found = [];
for (const top of ['apps', 'libs']) {
  for (const project of readdirSync(join(root, top))) {
    let files;
    try {
      files = [...sourceFiles(join(root, top, project, 'src'))];
    } catch {
      continue;
    }
    for (const file of files) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node) => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
          const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
          found.push({
            lines: end - start + 1,
            where: `${relative(root, file)}:${start + 1}`,
            name: functionName(node),
          });
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
}
found.sort((a, b) => b.lines - a.lines);
for (const { lines, where, name } of found.slice(0, count))
  console.log(`${String(lines).padStart(4)}  ${name}  ${where}`);
