import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildVariant, review } from '../helpers/example';
import { repoRoot } from '../helpers/paths';

/** The manifest/schema findings of a variant of the example package: line and message. */
async function schemaFindings(mutate: (m: Record<string, unknown>) => void): Promise<string[]> {
  const built = await buildVariant({ mutateManifest: mutate });
  const result = await review(built.zipPath);
  return result.findings.filter((f) => f.rule === 'manifest/schema').map((f) => `${f.range.start.line + 1} ${f.message}`);
}

describe('manifest/schema: one schema for the rule and the editor', () => {
  it('the rule validates with code generated from schemas/manifest.schema.json as it is now (npm run schema:validator)', async () => {
    const { validatorSource, VALIDATOR_PATH } = (await import(join(repoRoot, 'scripts', 'manifest-validator.mjs'))) as { validatorSource: () => string; VALIDATOR_PATH: string };
    assert.equal(readFileSync(VALIDATOR_PATH, 'utf8'), validatorSource());
  });

  it('says what is wrong at the field, in words, for each kind of schema error', async () => {
    const found = await schemaFindings((m) => {
      m.schemaVersion = 2;
      m.version = 'v5.0.1';
      (m.files as Record<string, unknown>[])[0].sha256 = 'abc';
      (m.files as Record<string, unknown>[])[1].mode = 'rwxr-xr-x';
      (m.scripts as Record<string, unknown>).upgrade = 'scripts/upgrade.sh';
    });
    const text = found.join('\n');
    assert.match(text, /^\d+ schemaVersion 2 is not supported \(expected 1\)$/m);
    assert.match(text, /^\d+ "version" must be a semantic version like 5\.0\.1, not "v5\.0\.1"$/m);
    assert.match(text, /^\d+ files\[0\]\.sha256 must be 64 hexadecimal digits, not "abc"$/m);
    assert.match(text, /^\d+ files\[1\]\.mode must be an octal string like "0755", not "rwxr-xr-x"$/m);
    assert.match(text, /^\d+ unknown script hook "upgrade" \(expected one of /m);
    assert.equal(found.length, 5, text);
  });

  it('leaves "reboot": "recommended" to manifest/ambiguous-flag, and accepts a numeric mode', async () => {
    const found = await schemaFindings((m) => {
      m.reboot = 'recommended';
      (m.files as Record<string, unknown>[])[0].mode = 493;
    });
    assert.deepEqual(found, []);
  });
});
