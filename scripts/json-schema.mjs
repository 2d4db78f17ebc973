// Publishes the zod schemas as JSON Schema (dist/definition.schema.json, dist/response.schema.json)
// so editors' tools and the Trust's back end can validate against the same contract.
import { writeFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { getDefinitionSchema } from '../dist/esm/definition/schema.js';
import { responseSchema } from '../dist/esm/response/schema.js';

const { version } = JSON.parse(
  await import('node:fs').then((fs) => fs.readFileSync('package.json', 'utf8')),
);

const publish = (schema, name, title, description) => {
  const json = {
    $id: `urn:values-survey:${version}:${name}`,
    title,
    description,
    ...z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }),
  };
  writeFileSync(`dist/${name}`, JSON.stringify(json, null, 2) + '\n');
  console.log(`dist/${name}`);
};

publish(
  getDefinitionSchema(),
  'definition.schema.json',
  'values-survey definition',
  'A survey for <values-survey>. Checks this schema cannot express (unique question ids and option values, a scale whose lowest point is below its highest, no HTML markup, a contact that is an email address or a phone number) are made by the widget, which shows every problem at once in words.',
);
publish(
  responseSchema,
  'response.schema.json',
  'values-survey response',
  'What <values-survey> POSTs to its endpoint, with an Idempotency-Key header equal to id.',
);
