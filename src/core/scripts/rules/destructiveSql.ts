import { sqlSources, stripSql } from '../sql';
import { literalValues } from '../held';
import type { WholeScriptRule } from '../scriptRule';

const meta = { id: 'script/destructive-sql', severity: 'error', title: 'SQL that destroys data or widens access', scope: 'script' } as const;

const DESTRUCTIVE: readonly [RegExp, string][] = [
  [/\bDROP\s+(DATABASE|SCHEMA)\b/i, 'drops a whole database or schema'],
  [/\bTRUNCATE\b(\s+TABLE)?\s+\w/i, 'empties a table'],
  [/\bGRANT\s+ALL\b/i, 'grants every privilege'],
  [/\bALTER\s+(ROLE|USER)\b[^;]*\bSUPERUSER\b/i, 'makes a role superuser'],
];

/** script/destructive-sql: SQL that destroys data or widens access, run straight through a client. */
const run: WholeScriptRule['run'] = (script, env, report) =>
  script.commands.flatMap((cmd) =>
    sqlSources(cmd, (p) => env.packageText.get(p), (name) => literalValues(name, script.assignments)).flatMap((src) => {
      const sql = stripSql(src.text);
      return DESTRUCTIVE.filter(([re]) => re.test(sql)).map(([re, what]) => {
        const statement = (re.exec(sql)?.[0] ?? '').replace(/\s+/g, ' ');
        const where = src.file ? ` (in ${src.file})` : '';
        return report(cmd.nameRange, `${cmd.name} runs "${statement}…"${where}, which ${what}: outside a reviewed migration nothing stops it on the wrong database, and a snapshot rollback of the host does not bring the data back`);
      });
    }),
  );

export const destructiveSqlRule: WholeScriptRule = { meta, run };
