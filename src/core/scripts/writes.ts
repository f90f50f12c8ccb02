import type { Range } from '../finding';
import { identity, operands, type PositionMap, type ShellCommand } from './model';
import { append } from '../append';

/** Text a script writes into a file: `cat > F <<EOF`, `echo … >> F`, `… | tee F`, `printf … > F`. */
export interface FileWrite {
  target: string;
  text: string;
  /** Where the text's first line starts in the script, for pointing at a line of it. */
  map: PositionMap;
  range: Range;
  command: ShellCommand;
}

/** What a command sends to its stdout or stdin as literal text (echo/printf arguments, heredocs). */
export function literalOutput(cmd: ShellCommand): { text: string; map: PositionMap; range: Range } | undefined {
  if (cmd.heredoc) {
    return { text: cmd.heredoc.body, map: cmd.heredoc.map, range: cmd.heredoc.range };
  }
  if (cmd.herestring) {
    const w = cmd.herestring;
    return { text: w.text, map: shiftMap(w.range), range: w.range };
  }
  if (cmd.name === 'echo' || cmd.name === 'printf') {
    const words = cmd.args.filter((a, i) => !(cmd.name === 'echo' && i === 0 && /^-[neE]+$/.test(a.value ?? '')));
    if (words.length === 0) {
      return undefined;
    }
    let text = words.map((w) => w.text).join(' ');
    if (cmd.name === 'printf' || words[0].value?.startsWith('-e')) {
      text = text.replace(/\\n/g, '\n').replace(/%s/g, '');
    }
    return { text, map: shiftMap(words[0].range), range: words[0].range };
  }
  return undefined;
}

function shiftMap(range: Range): PositionMap {
  // Single-line words: a position in the text maps to the word's line (quotes make it inexact by one).
  return (row, column) => (row === 0 ? { line: range.start.line, character: range.start.character + 1 + column } : identity(range.start.line + row, column));
}

/** Every file a script writes with literal text it holds. */
export function fileWrites(commands: readonly ShellCommand[]): FileWrite[] {
  const out: FileWrite[] = [];
  for (const cmd of commands) {
    const redirect = cmd.redirects.find((r) => r.op === '>' || r.op === '>>' || r.op === '>|');
    if (redirect) {
      const content = literalOutput(cmd);
      if (content && (cmd.name === 'cat' || cmd.name === 'echo' || cmd.name === 'printf')) {
        out.push({ target: redirect.target, ...content, command: cmd });
      }
    }
    if (cmd.name === 'tee') {
      const targets = operands(cmd).map((w) => w.text);
      const source = cmd.heredoc || cmd.herestring ? cmd : cmd.pipeline?.find((p) => p.pipelineIndex === cmd.pipelineIndex - 1);
      const content = source ? literalOutput(source) : undefined;
      if (content) {
        append(out, targets.map((target) => ({ target, ...content, command: cmd })));
      }
    }
  }
  return out;
}

/** The literal text piped or redirected into a command's stdin, with where it stands. */
export function stdinText(cmd: ShellCommand): { text: string; map: PositionMap; range: Range; from: ShellCommand } | undefined {
  if (cmd.heredoc || cmd.herestring) {
    const own = literalOutput(cmd);
    return own ? { ...own, from: cmd } : undefined;
  }
  const previous = cmd.pipeline?.filter((p) => p.pipelineIndex < cmd.pipelineIndex && (p.name === 'echo' || p.name === 'printf'));
  const last = previous?.[previous.length - 1];
  const content = last ? literalOutput(last) : undefined;
  return content && last ? { ...content, from: last } : undefined;
}
