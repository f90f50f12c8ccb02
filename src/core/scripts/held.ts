import type { Assignment, ShellCommand } from './model';

/** The variable a command's name is, when it is one (`$SUDO`, `${PSQL}`), else undefined. */
export function variableName(cmd: ShellCommand): string | undefined {
  return /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(cmd.name)?.[1];
}

/** The literal values a script gives a variable (`SUDO=sudo`, `sh_c='sudo -E sh -c'`). */
export function literalValues(name: string, assignments: readonly Assignment[]): string[] {
  return assignments.filter((a) => a.name === name && a.value?.value !== undefined).map((a) => a.value!.value!);
}

/**
 * `$NAME` and `${NAME}` replaced by the one literal value the script gives that variable (`UNIT_DIR=/etc/…`),
 * so a path held in a variable is seen where it points; a variable set to several values stays as written.
 */
export function literalVariables(assignments: readonly Assignment[]): (text: string) => string {
  return (text) =>
    text.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (m, name: string) => {
      const set = assignments.filter((a) => a.name === name);
      const values = new Set(set.map((a) => a.value?.value));
      return set.length > 0 && values.size === 1 && !values.has(undefined) ? [...values][0]! : m;
    });
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
