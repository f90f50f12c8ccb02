import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../src/core/rules';
import { ruleIndex } from '../../src/core/ruleIndex';
import { repoRoot } from '../helpers/paths';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

describe('architecture', () => {
  it('the engine (src/core) never imports vscode', () => {
    const offenders = files(join(repoRoot, 'src', 'core')).filter((f) => /from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });

  it('every rule has its doc page', () => {
    const missing = RULES.filter((r) => {
      try {
        return !readFileSync(join(repoRoot, 'docs', 'rules', `${r.id}.md`), 'utf8').includes(r.id);
      } catch {
        return true;
      }
    });
    assert.deepEqual(missing.map((r) => r.id), []);
  });

  it('the rule index in docs/rules/README.md is the rule list (npm run docs:rules)', () => {
    assert.equal(readFileSync(join(repoRoot, 'docs', 'rules', 'README.md'), 'utf8'), ruleIndex());
  });
});
