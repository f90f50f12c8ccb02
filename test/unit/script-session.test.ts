import { SCRIPT_RULES } from '../../src/core/rules';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInventory } from '../../src/core/compat/inventory';
import { compareFindings, type Finding } from '../../src/core/finding';
import type { ScriptEnv } from '../../src/core/scripts/env';
import { lintScript } from '../../src/core/scripts/scriptRules';
import { buildScriptModel, ScriptSession } from '../../src/core/scripts/session';
import { repoRoot } from '../helpers/paths';
import { pick, prng } from '../helpers/random';

const DIR = join(repoRoot, 'test', 'fixtures', 'scripts');

const env: ScriptEnv = {
  inventory: parseInventory(JSON.stringify({ host: 'edge-01', systemdUnits: ['nginx.service'], retiredHosts: ['old.example.net'] })),
  reboot: false,
  undoText: 'curl -X DELETE https://hooks.example.com/hooks/upgrade',
  isUndoScript: false,
  packageText: new Map([['sql/001.sql', 'ALTER TABLE t ADD c int;']]),
  packageUnits: new Set(),
  sourced: [],
  now: new Date('2026-11-23T12:00:00Z'),
};

const show = (findings: Finding[]): string[] => findings.sort(compareFindings).map((f) => `${f.rule} ${JSON.stringify(f.range)} ${f.message} ${JSON.stringify(f.fixes ?? [])}`);

/** What a review of the text from scratch finds: every rule over the whole model, no parts. */
async function fromScratch(text: string, path = 's.sh'): Promise<string[]> {
  const model = await buildScriptModel(path, text);
  try {
    return show(lintScript(SCRIPT_RULES, model, env));
  } finally {
    model.dispose();
  }
}

const STEPS = Array.from({ length: 400 }, (_, i) =>
  i % 40 === 7 ? `sudo systemctl restart svc-${i}.service` : i % 40 === 20 ? `rm -rf $DIR/${i}` : `cp -a "/opt/app/f-${i}" "/var/backups/f-${i}" # step ${i}`,
);
const LONG = ['#!/bin/bash', 'set -euo pipefail', ...STEPS].join('\n') + '\n';

function offsetOf(probe: string): number {
  const at = LONG.indexOf(probe);
  assert.ok(at > 0, probe);
  return at;
}

describe('scripts: re-linting as the user types', () => {
  const WRAPPED = ['#!/bin/bash', 'set -euo pipefail', 'main() {', ...STEPS.map((l) => `  ${l}`), '}', 'main "$@"'].join('\n') + '\n';
  for (const [shape, script] of [['', LONG], [' inside a script wrapped whole in main()', WRAPPED]]) {
    it(`re-parses only the statement an edit touches${shape}, and finds what a review from scratch finds`, async () => {
      const session = await ScriptSession.open('s.sh', script);
      try {
        const at = script.indexOf('f-201"');
        assert.ok(at > 0);
        const edited = script.slice(0, at) + 'sudo-' + script.slice(at);
        const model = await session.update(edited);
        assert.equal(session.stats.kind, 'region');
        assert.ok(session.stats.built <= 5, `${session.stats.built} parts built`);
        assert.deepEqual(show(lintScript(SCRIPT_RULES, model, env)), await fromScratch(edited));
      } finally {
        session.dispose();
      }
    });
  }

  it('moves the findings below an inserted line without re-parsing them', async () => {
    const session = await ScriptSession.open('s.sh', LONG);
    try {
      const before = lintScript(SCRIPT_RULES, session.model, env).filter((f) => f.rule === 'script/sudo').map((f) => f.range.start.line);
      const line = offsetOf('cp -a "/opt/app/f-3"');
      const model = await session.update(LONG.slice(0, line) + 'echo one\necho two\n' + LONG.slice(line));
      assert.equal(session.stats.kind, 'region');
      const after = lintScript(SCRIPT_RULES, model, env).filter((f) => f.rule === 'script/sudo').map((f) => f.range.start.line);
      assert.deepEqual(after, before.map((l) => l + 2));
    } finally {
      session.dispose();
    }
  });

  it('an unclosed quote changes the rest of the script: it is parsed whole again, and right when closed', async () => {
    const session = await ScriptSession.open('s.sh', LONG);
    try {
      const at = offsetOf('cp -a "/opt/app/f-101"');
      const open = LONG.slice(0, at) + 'echo "' + LONG.slice(at);
      assert.deepEqual(show(lintScript(SCRIPT_RULES, await session.update(open), env)), await fromScratch(open));
      assert.equal(session.stats.kind, 'whole');
      const closed = LONG.slice(0, at) + 'echo "x"\n' + LONG.slice(at);
      assert.deepEqual(show(lintScript(SCRIPT_RULES, await session.update(closed), env)), await fromScratch(closed));
    } finally {
      session.dispose();
    }
  });

  // Random edits of every corpus script, as it is and wrapped whole in a main() function, one edit after the
  // other, each compared with a review from scratch.
  const SNIPPETS = ['"', "'", '\n', ' ', '$(', ')', '`', '\\\n', '{ ', '}', '}\n', 'fi\n', 'if true; then\n', 'cat <<EOF\n', 'EOF\n', 'sudo ', 'rm -rf $X\n', '# ', ';', '|', 'bash -c "', 'A_TOKEN=abcdef123\n', 'curl http://old.example.net/x | sh\n', 'f() {\n'];
  const wrap = (text: string): string => {
    const [shebang, ...rest] = text.split('\n');
    return [shebang, 'main() {', ...rest, '}', 'main "$@"', ''].join('\n');
  };
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.sh')).sort()) {
    for (const [variant, shape] of [['', (t: string): string => t], [' wrapped in main()', wrap]] as const) {
      it(`random edits of ${file}${variant} give what a review from scratch gives`, async () => {
        const rand = prng(file.length * 7919 + file.charCodeAt(0) + variant.length);
        let text = shape(readFileSync(join(DIR, file), 'utf8'));
        const session = await ScriptSession.open(file, text);
        try {
          for (let step = 0; step < 25; step++) {
            const at = Math.floor(rand() * (text.length + 1));
            const r = rand();
            if (r < 0.6) {
              text = text.slice(0, at) + pick(rand, SNIPPETS) + text.slice(at);
            } else if (r < 0.85) {
              text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rand() * 30)));
            } else {
              const lineStart = text.lastIndexOf('\n', at - 1) + 1;
              const lineEnd = text.indexOf('\n', at);
              text = text.slice(0, lineStart) + text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd + 1) + text.slice(lineStart);
            }
            const model = await session.update(text);
            const actual = show(lintScript(SCRIPT_RULES, model, env));
            assert.deepEqual(actual, await fromScratch(text, file), `after edit ${step + 1} (${session.stats.kind})`);
          }
        } finally {
          session.dispose();
        }
      });
    }
  }
});
