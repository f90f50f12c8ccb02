import type { StatementRule } from '../scriptRule';
import { operands, type ShellCommand, type Word } from '../model';

const meta = { id: 'script/insecure-tmp', severity: 'warning', title: 'A fixed path under /tmp is written', scope: 'statement' } as const;

/** A fixed path under a world-writable folder: anyone on the host can create it first, as a symlink. */
const PREDICTABLE = /^\/(?:var\/)?tmp\/[^$`*?]+$/;

/** The literal paths a command writes to. */
function writtenPaths(cmd: ShellCommand): { path: string; word?: Word }[] {
  const out: { path: string; word?: Word }[] = cmd.redirects.filter((r) => r.op === '>' || r.op === '>>' || r.op === '>|' || r.op === '&>').map((r) => ({ path: r.target }));
  const value = (w: Word): string => w.value ?? '';
  const after = (flags: string[]): Word | undefined => cmd.args.find((_, i) => i > 0 && flags.includes(value(cmd.args[i - 1])));
  let target: Word | undefined;
  switch (cmd.name) {
    case 'tee':
      return [...out, ...operands(cmd).map((w) => ({ path: value(w), word: w }))];
    case 'curl':
      target = after(['-o', '--output']);
      break;
    case 'wget':
      target = after(['-O', '--output-document']);
      break;
    case 'cp':
    case 'mv':
    case 'install': {
      const ops = operands(cmd, ['-m', '-o', '-g', '-t']);
      target = ops.length >= 2 ? ops[ops.length - 1] : undefined;
      break;
    }
    default:
      break;
  }
  return target ? [...out, { path: value(target), word: target }] : out;
}

/** script/insecure-tmp: a fixed, predictable path under /tmp or /var/tmp is written. */
export const insecureTmpRule: StatementRule = {
  meta,
  command(cmd, _env, report) {
    return writtenPaths(cmd)
      .filter(({ path }) => PREDICTABLE.test(path) && !path.endsWith('/'))
      .map(({ path, word }) =>
        report(word?.range ?? cmd.nameRange, `${cmd.name} writes ${path}, a fixed name in a folder every user can write: another user can create it first as a symlink to a file root owns, and this run overwrites that file; use mktemp`),
      );
  },
};
