import type { Finding, TextEdit } from '../../finding';
import { hasUnquotedExpansion, expandedVariables } from '../words';
import type { Assignment, ScriptModel, Word } from '../model';
import type { WholeScriptRule } from '../scriptRule';

const meta = { id: 'script/unsafe-rm', severity: 'error', title: 'rm -r on / or on a possibly empty variable', scope: 'script' } as const;

function recursive(args: Word[]): boolean {
  return args.some((a) => a.value !== undefined && (/^-[a-zA-Z]*[rR]/.test(a.value) || a.value === '--recursive'));
}

/**
 * A variable is surely non-empty when every assignment gives it a value that starts with a literal character
 * (`DIR=/var/cache/x`, `LINK="/etc/pg/$VERSION/data"`): it can never expand to nothing.
 */
function surelySet(name: string, assignments: Assignment[]): boolean {
  const mine = assignments.filter((a) => a.name === name);
  return mine.length > 0 && mine.every((a) => a.value !== undefined && /^[^$`\s]/.test(a.value.text));
}

/** Unquoted, a variable is still one safe word when every assignment is a literal without spaces or globs. */
function oneWord(name: string, assignments: Assignment[]): boolean {
  const mine = assignments.filter((a) => a.name === name);
  return mine.length > 0 && mine.every((a) => a.value?.value !== undefined && /^[^\s*?[]+$/.test(a.value.value));
}

function guardFix(script: ScriptModel, word: Word): TextEdit[] | undefined {
  const vars = expandedVariables(word.node);
  if (vars.length !== 1) {
    return undefined;
  }
  const name = vars[0].name;
  const inner = word.text.replace(new RegExp(`\\$\\{?${name}\\}?`), `\${${name}:?}`);
  return [{ range: word.range, newText: `"${inner}"` }];
}

/** script/unsafe-rm: `rm -r` on /, or on a path from an unquoted or possibly empty variable. */
const run: WholeScriptRule['run'] = (script, _env, report) => {
  const out: Finding[] = [];
  for (const cmd of script.commands) {
    if (cmd.name !== 'rm' || !recursive(cmd.args)) {
      continue;
    }
    for (const arg of cmd.args) {
      const v = arg.value;
      if (v !== undefined && v.startsWith('-')) {
        continue;
      }
      let why: string | undefined;
      if (v !== undefined && /^\/+\*?$/.test(v.trim())) {
        why = 'removes the root filesystem';
      } else if (hasUnquotedExpansion(arg.node) && !expandedVariables(arg.node).every((x) => x.guarded || oneWord(x.name, script.assignments))) {
        why = `the path ${arg.text} comes from an unquoted expansion: if it is empty or holds spaces, rm works on the wrong tree`;
      } else if (v === undefined) {
        const unsafe = expandedVariables(arg.node).filter((x) => !x.guarded && !surelySet(x.name, script.assignments));
        // Dangerous when, empty, the path starts at the root ("$X/…") or is the root ("/$X"). "$X" alone, empty,
        // is an empty path rm refuses.
        const empty = unsafe.reduce((text, x) => text.replace(new RegExp(`\\$\\{?${x.name}\\}?`, 'g'), ''), arg.text);
        if (unsafe.length > 0 && /^\/+\*?$/.test(empty)) {
          const names = [...new Set(unsafe.map((x) => `$${x.name}`))];
          why = `if ${names.join(' and ')} ${names.length > 1 ? 'are' : 'is'} empty, ${arg.text} becomes ${empty} and rm works from the root`;
        } else if (unsafe.length > 0 && /^\$\{?\w+\}?\//.test(arg.text)) {
          why = `if $${unsafe[0].name} is empty, ${arg.text} becomes ${arg.text.replace(/^\$\{?\w+\}?/, '')} and rm works from the root`;
        }
      }
      if (why) {
        const edits = guardFix(script, arg);
        out.push(
          report(arg.range, `rm -r: ${why}`, edits ? { fixes: [{ title: 'Guard the variable with ${VAR:?}', file: script.path, edits, safe: true }] } : {}),
        );
      }
    }
  }
  return out;
};

export const unsafeRmRule: WholeScriptRule = { meta, run };
