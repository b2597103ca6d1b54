// Lists the functions longer than a limit (80 lines by default), measured with the TypeScript
// compiler API from the first line of the function to its last (its doc comment not counted).
// Every kind counts: declarations, methods, function expressions and arrow functions; a closure
// counts on its own and inside the function that holds it.
//
//   node scripts/function-lengths.mjs [--max 80] [--json] [folder or file …]   (default: src suites)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = new URL('..', import.meta.url).pathname;

function* typeScriptFiles(path) {
  if (statSync(path).isFile()) {
    if (path.endsWith('.ts') && !path.endsWith('.d.ts')) yield path;
    return;
  }
  for (const entry of readdirSync(path).sort()) yield* typeScriptFiles(join(path, entry));
}

function nameOf(node) {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  return '(anonymous)';
}

/** Every function of `file` with its length in lines. */
export function functionLengths(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.end).line;
      found.push({ file: relative(root, file), name: nameOf(node), line: first + 1, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The functions of `paths` (folders or files, relative to the package root) longer than `max` lines, longest first. */
export function functionsOver(max, paths) {
  const all = paths.flatMap((path) => [...typeScriptFiles(join(root, path))].flatMap(functionLengths));
  return all.filter((f) => f.lines > max).sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file));
}

const invokedDirectly = process.argv[1] && new URL(import.meta.url).pathname === process.argv[1];
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const maxAt = args.indexOf('--max');
  const max = maxAt >= 0 ? Number(args[maxAt + 1]) : 80;
  const paths = args.filter((a, i) => !a.startsWith('--') && (maxAt < 0 || i !== maxAt + 1));
  const over = functionsOver(max, paths.length > 0 ? paths : ['src', 'suites']);
  if (args.includes('--json')) process.stdout.write(JSON.stringify(over, null, 2) + '\n');
  else for (const f of over) process.stdout.write(`${String(f.lines).padStart(4)}  ${f.file}:${f.line}  ${f.name}\n`);
}
