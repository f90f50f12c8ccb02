import type { Range } from '../finding';
import { operands, optionValue, type PositionMap, type ShellCommand } from './model';
import { stdinText } from './writes';
import { programOf } from './held';
import { append } from '../append';

export const SQL_CLIENTS = new Set(['psql', 'mysql', 'mariadb', 'sqlite3']);

/** SQL one client session runs: from -c/-e, a heredoc, a pipe, or a .sql file of the package. */
export interface SqlSource {
  command: ShellCommand;
  text: string;
  /** Package path of a .sql file, when the SQL comes from one. */
  file?: string;
  range: Range;
  map?: PositionMap;
}

export function sqlSources(
  cmd: ShellCommand,
  readFile: (path: string) => string | undefined,
  /** The literal values the script gives a variable, for SQL held in one (`psql -c "$SQL"`). */
  valuesOf: (name: string) => string[] = () => [],
): SqlSource[] {
  const client = programOf(cmd);
  if (!SQL_CLIENTS.has(client)) {
    return [];
  }
  const out: SqlSource[] = [];
  const inline =
    client === 'psql'
      ? optionValue(cmd, ['-c'], ['--command'])
      : client === 'sqlite3'
        ? operands(cmd, ['-cmd', '-separator'])[1]
        : optionValue(cmd, ['-e'], ['--execute']);
  if (inline) {
    const held = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(inline.text)?.[1];
    const texts = held ? valuesOf(held) : [inline.text];
    append(out, texts.map((text) => ({ command: cmd, text, range: inline.range })));
  }
  const fileArg = client === 'psql' ? optionValue(cmd, ['-f'], ['--file']) : undefined;
  const redirected = cmd.redirects.find((r) => r.op === '<');
  const catted = cmd.pipeline?.find((p) => p.pipelineIndex === cmd.pipelineIndex - 1 && p.name === 'cat' && operands(p).length === 1);
  for (const path of [fileArg?.text, redirected?.target, catted ? operands(catted)[0].text : undefined]) {
    if (path) {
      const clean = path.replace(/^\.\//, '').replace(/^"\$\w+\/?"?/, '');
      const text = readFile(clean);
      if (text !== undefined) {
        out.push({ command: cmd, text, file: clean, range: cmd.range });
      }
    }
  }
  const stdin = stdinText(cmd);
  if (stdin) {
    out.push({ command: cmd, text: stdin.text, range: stdin.range, map: stdin.map });
  }
  return out;
}

const DDL = /^\s*(?:(ALTER|DROP)\s+(TABLE|INDEX)\b|CREATE\s+(?:UNIQUE\s+)?(TABLE|INDEX)\b|RENAME\s+TABLE\b)|\bRENAME\s+(?:COLUMN\s+|CONSTRAINT\s+)?\w*\s*TO\b/i;
const LOCK = /\bpg_(?:try_)?advisory(?:_xact)?_lock\s*\(|\bGET_LOCK\s*\(|^\s*LOCK\s+(?:TABLE|TABLES)?\b/i;

/** SQL with comments and string literals blanked (lengths kept), so words inside them never count. */
export function stripSql(sql: string): string {
  return sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'/g, (m) => m.replace(/[^\n]/g, ' '));
}

export interface UnlockedStatement { statement: string; offset: number }

/** DDL statements that run before any lock is taken in the same session. */
export function unlockedDdl(sql: string): UnlockedStatement[] {
  const clean = stripSql(sql);
  const out: UnlockedStatement[] = [];
  let locked = false;
  let offset = 0;
  for (const stmt of clean.split(';')) {
    if (LOCK.test(stmt)) {
      locked = true;
    } else if (!locked && DDL.test(stmt)) {
      const lead = stmt.length - stmt.trimStart().length;
      out.push({ statement: sql.slice(offset + lead, offset + stmt.length).trim().replace(/\s+/g, ' '), offset: offset + lead });
    }
    offset += stmt.length + 1;
  }
  return out;
}
