// Extracts the published sample responses of endpoint-facts §3.12 (copied there as data from the
// public sources) into evidence/samples.json, one record per JSON code block, with the section,
// the example's name, the source keys its heading names and the line it starts on. Samples that are
// invalid JSON as published are listed with their reason, never "repaired". §3.12.13 holds related
// structures of other endpoints and is left out. `npm test` checks that samples.json is what this
// script writes, so nobody edits a sample by hand.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function extractSamples(factsText) {
  const lines = factsText.split('\n');
  const samples = [];
  let section, heading, exampleName, block, start;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    const head = /^#### (3\.12\.\d+) (.*)$/.exec(line);
    if (head) {
      [, section, heading] = head;
      exampleName = undefined;
      continue;
    }
    if (/^#{1,3} /.test(line)) section = undefined;
    if (section === undefined || section === '3.12.13') continue;
    if (block === undefined) {
      const name = /^Example "([^"]+)"/.exec(line);
      if (name) exampleName = name[1];
      if (line.startsWith('```')) {
        block = [];
        start = i + 2;
      }
      continue;
    }
    if (!line.startsWith('```')) {
      block.push(line);
      continue;
    }
    const text = block.join('\n');
    block = undefined;
    const sources = [...new Set(heading.match(/\b(SEED|S\d+)\b/g) ?? [])];
    const index = samples.filter((s) => s.section === section).length + 1;
    const record = {
      id: `${section}#${index}`,
      section,
      heading,
      ...(exampleName ? { example: exampleName } : {}),
      sources,
      line: start,
    };
    try {
      samples.push({ ...record, body: JSON.parse(text) });
    } catch (error) {
      samples.push({ ...record, invalidJson: error.message });
    }
    exampleName = undefined;
  }
  return samples;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = new URL('../', import.meta.url);
  const samples = extractSamples(readFileSync(new URL('evidence/endpoint-facts.md', root), 'utf8'));
  writeFileSync(new URL('evidence/samples.json', root), `${JSON.stringify(samples, null, 2)}\n`);
  console.log(`${samples.length} samples, ${samples.filter((s) => s.invalidJson).length} invalid as published`);
}
