import type { StatementRule } from '../scriptRule';
import { ancestors, type ShellCommand } from '../model';
import { enclosingConditions } from '../guards';

const meta = { id: 'script/interactive-prompt', severity: 'warning', title: 'The script waits for a person', scope: 'statement' } as const;

const DIALOGS = new Set(['whiptail', 'dialog', 'zenity', 'kdialog', 'debconf-show']);

/** Whether something other than the terminal feeds this command's stdin: a pipe, a file, a heredoc or string. */
function stdinSupplied(cmd: ShellCommand): boolean {
  if (cmd.heredoc || cmd.herestring || cmd.pipelineIndex > 0 || cmd.redirects.some((r) => r.op === '<' && r.target !== '/dev/tty')) {
    return true;
  }
  // `while read …; do …; done < file` and `… | while read …`: the loop's input is the command's.
  for (const n of ancestors(cmd)) {
    if (n.type === 'redirected_statement' && n.namedChildren.some((c) => c !== null && (c.type === 'herestring_redirect' || c.type === 'heredoc_redirect' || (c.type === 'file_redirect' && /^\d*</.test(c.text) && !c.text.includes('/dev/tty'))))) {
      return true;
    }
    if (n.type === 'pipeline' && n.namedChildren[0] !== null && !(n.namedChildren[0].startIndex <= cmd.node.startIndex && cmd.node.endIndex <= n.namedChildren[0].endIndex)) {
      return true;
    }
    if (n.type === 'command_substitution' || n.type === 'function_definition') {
      // a function may be called with its input redirected: judged where it is called, not here
      return n.type === 'function_definition' ? false : true;
    }
  }
  return false;
}

const UNATTENDED_CHECK = /noninteractive|DEBIAN_FRONTEND|\[\s+-t\s+[012]\b|\btest\s+-t\s+[012]\b|\btty\b/;

/** Whether the command sits in a branch of an `if` that asks whether anyone is there to answer. */
function guardedByUnattendedCheck(cmd: ShellCommand): boolean {
  return enclosingConditions(cmd).some((c) => UNATTENDED_CHECK.test(c));
}

/** script/interactive-prompt: the script waits for a person, so an unattended run hangs in the window. */
export const interactivePromptRule: StatementRule = {
  meta,
  command(cmd, _env, report) {
    if (cmd.name === 'read') {
      const args = cmd.args.map((a) => a.value ?? a.text);
      if (args.some((a) => /^-[a-zA-Z]*[tu]/.test(a)) || stdinSupplied(cmd) || guardedByUnattendedCheck(cmd)) {
        return undefined;
      }
      return report(cmd.nameRange, `read waits for an answer on the terminal: run unattended (a runbook, a configuration tool, a CI job) it hangs the window or reads nothing; take the answer from an option or a variable, or give read a timeout (-t)`);
    }
    if (DIALOGS.has(cmd.name) && cmd.name !== 'debconf-show') {
      return report(cmd.nameRange, `${cmd.name} opens a dialog and waits for a person: run unattended it hangs the window; take the answer from an option or a variable`);
    }
    return undefined;
  },
};
