import type { Assignment, ShellCommand } from './model';

/** The variable a command's name is, when it is one (`$SUDO`, `${PSQL}`), else undefined. */
export function variableName(cmd: ShellCommand): string | undefined {
  return /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(cmd.name)?.[1];
}

/** The literal values a script gives a variable (`SUDO=sudo`, `sh_c='sudo -E sh -c'`). */
export function literalValues(name: string, assignments: readonly Assignment[]): string[] {
  return assignments.filter((a) => a.name === name && a.value?.value !== undefined).map((a) => a.value!.value!);
}

const SQL_BY_NAME: readonly [RegExp, string][] = [
  [/^(PG_?)?PSQL(_?(BIN|CMD|EXE))?$/i, 'psql'],
  [/^MYSQL(_?(BIN|CMD|EXE|CLIENT))?$/i, 'mysql'],
  [/^MARIADB(_?(BIN|CMD|EXE|CLIENT))?$/i, 'mariadb'],
  [/^SQLITE3?(_?(BIN|CMD|EXE))?$/i, 'sqlite3'],
];

/**
 * The program a command runs, seen through a variable that holds its path (`PSQL=/opt/pg/bin/psql;
 * ${PSQL} -c …`): by the variable's own name, so one statement alone says it.
 */
export function programOf(cmd: ShellCommand): string {
  const v = variableName(cmd);
  return (v && SQL_BY_NAME.find(([re]) => re.test(v))?.[1]) ?? cmd.name;
}
