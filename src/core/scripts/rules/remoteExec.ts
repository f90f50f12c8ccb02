import type { ShellCommand } from '../model';
import type { StatementRule } from '../scriptRule';

const meta = { id: 'script/remote-exec', severity: 'error', title: 'Downloaded content is piped into a shell', scope: 'statement' } as const;

const FETCHERS = new Set(['curl', 'wget', 'fetch', 'aria2c']);
const INTERPRETERS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash', 'python', 'python3', 'perl', 'ruby', 'node']);

function fetchesInside(cmd: ShellCommand): boolean {
  return cmd.args.some((a) => a.node.descendantsOfType('command_substitution').concat(a.node.type === 'command_substitution' ? [a.node] : []).some((n) => n !== null && /\b(curl|wget)\b/.test(n.text)));
}

/** script/remote-exec: downloaded content is piped into (or substituted into) a shell. */
export const remoteExecRule: StatementRule = {
  meta,
  command(cmd, _env, report) {
    // `bash -s NAME` and `sh -` read the script from stdin; words after them are its arguments.
    const firstOperand = cmd.args.findIndex((a) => a.value === undefined || !a.value.startsWith('-') || a.value === '-');
    const fromStdin = firstOperand < 0 || cmd.args.slice(0, firstOperand + 1).some((a) => a.value === '-s' || a.value === '-');
    const piped = INTERPRETERS.has(cmd.name) && cmd.pipeline?.some((p) => p.pipelineIndex < cmd.pipelineIndex && FETCHERS.has(p.name)) && fromStdin;
    const substituted = (INTERPRETERS.has(cmd.name) || cmd.name === 'eval') && fetchesInside(cmd);
    const processSub = (INTERPRETERS.has(cmd.name) || cmd.name === 'source' || cmd.name === '.') && cmd.args.some((a) => a.node.type === 'process_substitution' && /\b(curl|wget)\b/.test(a.node.text));
    return piped || substituted || processSub
      ? report(cmd.nameRange, `downloaded content runs in ${cmd.name} unseen: nothing here was reviewed, and whoever controls that server controls this host`)
      : undefined;
  },
};
