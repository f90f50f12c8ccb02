import { SCRIPT_RULES } from '../src/core/rules';
/**
 * Re-linting a 5,000-line script after an edit, as the editor does it (run by run.ts in a fresh process, like
 * the listing): the session re-parses the statements the edit touches and reuses the rest, then every script
 * rule runs (lintScript, the path the review and the editor take). Prints medians as JSON.
 */
import { parseBash } from '../src/core/scripts/parser';
import { lintScript } from '../src/core/scripts/scriptRules';
import { buildScriptModel, ScriptSession } from '../src/core/scripts/session';
import type { ScriptEnv } from '../src/core/scripts/env';
import { timeIt } from './measure';

const RUNS = Number(process.argv[2] ?? 7);

async function main(): Promise<void> {
  const lines = Array.from({ length: 5000 }, (_, i) => (i % 50 === 0 ? `sudo systemctl restart svc-${i}.service` : `cp -a "/opt/app/file-${i}" "/var/backups/app/file-${i}" # step ${i}`));
  const text = '#!/bin/bash\nset -euo pipefail\n' + lines.join('\n') + '\n';
  const env: ScriptEnv = { reboot: undefined, undoText: '', isUndoScript: false, packageText: new Map(), packageUnits: new Set<string>(), sourced: [], now: new Date() };
  const full = await timeIt(RUNS, async () => {
    const m = await buildScriptModel('big.sh', text);
    lintScript(SCRIPT_RULES, m, env);
    m.dispose();
  });
  const session = await ScriptSession.open('big.sh', text);
  lintScript(SCRIPT_RULES, session.model, env);
  const at = text.indexOf('file-2501');
  const line = text.lastIndexOf('\n', at) + 1;
  // Alternate between typing a character in line 2,503 and inserting a line above it: every run is an edit,
  // and every other one moves the 2,500 statements below it.
  const edits = [text.slice(0, at) + 'X' + text.slice(at), text.slice(0, line) + 'rm -rf "/tmp/x"\n' + text.slice(line)];
  let k = 0;
  const edit = async (): Promise<unknown> => lintScript(SCRIPT_RULES, await session.update(edits[k++ % 2]), env);
  // A user types many keys in a session: let the JIT see a few edits before measuring.
  for (let i = 0; i < 10; i++) {
    await edit();
  }
  const incremental = await timeIt(RUNS * 3, edit);
  session.dispose();
  const parseOnly = await timeIt(RUNS, async () => (await parseBash(text)).delete());
  process.stdout.write(JSON.stringify({ incremental, full, parseOnly }) + '\n');
}

void main();
