import { scriptFinding, type ScriptRule } from '../env';

/** script/no-errexit: a script that never enables `set -e` carries on after a failed step. */
export const errexitRule: ScriptRule = (script) => {
  const firstLine = script.text.split('\n', 1)[0];
  if (/^#!.*\s-[a-z]*e/.test(firstLine)) {
    return [];
  }
  const enabled = script.commands.some(
    (c) => c.name === 'set' && c.args.some((a) => (a.value !== undefined && /^-[a-zA-Z]*e/.test(a.value)) || a.value === 'errexit'),
  );
  if (enabled) {
    return [];
  }
  const hasShebang = firstLine.startsWith('#!');
  const insertAt = hasShebang ? { line: 1, character: 0 } : { line: 0, character: 0 };
  return [
    scriptFinding('script/no-errexit', script, { start: { line: 0, character: 0 }, end: { line: 0, character: hasShebang ? firstLine.length : 0 } }, 'the script never enables set -e: after a failed step it carries on and upgrades a half-installed system', {
      fixes: [{ title: 'Add "set -euo pipefail" after the shebang', file: script.path, edits: [{ range: { start: insertAt, end: insertAt }, newText: 'set -euo pipefail\n' }], safe: true }],
    }),
  ];
};
