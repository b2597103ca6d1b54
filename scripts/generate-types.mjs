// The TypeScript types of the report, generated from the one source of its shape,
// schemas/conformance-report.schema.json, by json-schema-to-typescript. The output is checked in
// (src/core/generated/conformance-report.ts) so that building needs no generator;
// test/architecture/generated-types.test.ts fails when it is not what the schema gives.
//
//   npm run generate:types            rewrites the file
//   node scripts/generate-types.mjs --print   writes it to standard output instead
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from 'json-schema-to-typescript';

const root = new URL('..', import.meta.url).pathname;
const SCHEMA = 'schemas/conformance-report.schema.json';
const OUTPUT = 'src/core/generated/conformance-report.ts';

const BANNER = `/**
 * Generated from ${SCHEMA} by json-schema-to-typescript (npm run generate:types).
 * Do not edit: change the schema and regenerate. src/core/report-model.ts re-exports these types.
 */`;

/** The enums of \`$defs\` whose values code iterates, in schema order (e.g. LEVEL_VALUES). */
const VALUE_LISTS = ['level', 'outcome', 'basis'];

/**
 * The schema without its conditional rules (\`allOf\` members made only of if/then/else): they
 * constrain values (an exit code that matches the verdict), not the shape, and the generator
 * would turn each into an extra alias.
 */
function withoutConditionals(node) {
  if (Array.isArray(node)) return node.map(withoutConditionals);
  if (node === null || typeof node !== 'object') return node;
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'allOf') copy[key] = withoutConditionals(value);
    else {
      const kept = value.filter((member) => !Object.keys(member).every((k) => k === 'if' || k === 'then' || k === 'else'));
      if (kept.length > 0) copy.allOf = withoutConditionals(kept);
    }
  }
  return copy;
}

async function generate() {
  const schema = JSON.parse(readFileSync(join(root, SCHEMA), 'utf8'));
  const types = await compile(withoutConditionals(schema), 'ConformanceReport', {
    bannerComment: BANNER,
    // The root's title is the human one; its type is ConformanceReport.
    customName: (node) => (node.$id === schema.$id ? 'ConformanceReport' : undefined),
    additionalProperties: false,
    unknownAny: true,
    style: { singleQuote: true, printWidth: 140, trailingComma: 'all', bracketSpacing: true },
  });
  const lists = VALUE_LISTS.map((name) => {
    const { title, enum: values } = schema.$defs[name];
    return `\n/** Every ${title}, in schema order. */\nexport const ${name.toUpperCase()}_VALUES = ${JSON.stringify(values).replaceAll('"', "'").replaceAll(',', ', ')} as const satisfies readonly ${title}[];\n`;
  });
  return types + lists.join('');
}

const text = await generate();
if (process.argv.includes('--print')) process.stdout.write(text);
else writeFileSync(join(root, OUTPUT), text);
