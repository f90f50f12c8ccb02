import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInventory } from '../../src/core/compat/inventory';
import { buildScriptModel } from '../../src/core/scripts/session';
import { installedUnits, lintScript } from '../../src/core/scripts/scriptRules';
import type { ScriptEnv } from '../../src/core/scripts/env';
import { repoRoot } from '../helpers/paths';
import { RULES, SCRIPT_RULES } from '../../src/core/rules';

const DIR = join(repoRoot, 'test', 'fixtures', 'scripts');
const inventory = parseInventory(JSON.stringify({ host: 'edge-01', systemdUnits: ['dten-agent.service', 'nginx.service', 'getty@.service'], retiredHosts: ['old.example.net'] }));

/**
 * The precision corpus: each script says what must fire (`# expect: RULE LINE`); everything else must not.
 * `# reboot: false` sets the manifest's reboot flag, `# undo: …` stands for the rollback script's text.
 */
describe('script rules: precision corpus', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.sh')).sort();

  it('has at least 40 realistic scripts with positive and negative cases for every rule', () => {
    assert.ok(files.length >= 40, `${files.length} scripts`);
    const expected = new Set(files.flatMap((f) => [...readFileSync(join(DIR, f), 'utf8').matchAll(/# expect: (\S+)/g)].map((m) => m[1])));
    const rules = RULES.map((r) => r.id).filter((id) => id.startsWith('script/'));
    assert.deepEqual(rules.filter((r) => !expected.has(r)), []);
    assert.ok(files.filter((f) => !/# expect:/.test(readFileSync(join(DIR, f), 'utf8'))).length >= 10, 'negative cases');
  });

  for (const file of files) {
    it(file, async () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      const expected = [...text.matchAll(/# expect: (\S+) (\d+)/g)].map((m) => `${m[1]} ${m[2]}`).sort();
      const reboot = /# reboot: (true|false)/.exec(text)?.[1];
      const model = await buildScriptModel(file, text);
      const env: ScriptEnv = {
        inventory,
        reboot: reboot === undefined ? undefined : reboot === 'true',
        undoText: [...text.matchAll(/# undo: (.*)/g)].map((m) => m[1]).join('\n'),
        isUndoScript: false,
        packageText: new Map(),
        packageUnits: installedUnits([model], []),
        sourced: [],
        now: new Date('2026-11-23T12:00:00Z'),
      };
      try {
        const actual = lintScript(SCRIPT_RULES, model, env).map((f) => `${f.rule} ${f.range.start.line + 1}`).sort();
        assert.deepEqual(actual, expected);
      } finally {
        model.dispose();
      }
    });
  }
});
