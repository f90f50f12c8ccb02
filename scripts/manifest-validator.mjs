// The manifest/schema rule validates with code generated from schemas/manifest.schema.json, so the rule and the
// editor's schema (contributed in package.json) can never disagree, and no schema is compiled at run time.
// `npm run schema:validator` writes it; a unit test fails when it is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const VALIDATOR_PATH = join(root, 'src', 'core', 'manifest', 'manifestValidator.generated.ts');

/** The TypeScript module holding the validator for the schema as it is now. */
export function validatorSource() {
  const schema = JSON.parse(readFileSync(join(root, 'schemas', 'manifest.schema.json'), 'utf8'));
  // Formats are the editor's concern (and patterns say the same); every error is reported, not the first.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, code: { source: true, esm: true } });
  const code = standaloneCode(ajv, ajv.compile(schema));
  return `/* eslint-disable */\n// @ts-nocheck\n// Generated from schemas/manifest.schema.json by scripts/manifest-validator.mjs (npm run schema:validator). Do not edit.\n${code}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(VALIDATOR_PATH, validatorSource());
  console.log(`wrote ${VALIDATOR_PATH}`);
}
