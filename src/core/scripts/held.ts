import { ancestors, type Assignment, type ScriptModel, type ShellCommand } from './model';

/** The function a command sits in (`run_cmd() { sudo "$@"; }` → run_cmd), if any. */
export function enclosingFunction(cmd: ShellCommand): string | undefined {
  for (const n of ancestors(cmd)) {
    if (n.type === 'function_definition') {
      return n.childForFieldName('name')?.text;
    }
  }
  return undefined;
}

type Sourceable = Pick<ScriptModel, 'path' | 'commands' | 'assignments'>;

/** The package's scripts by file name, made once for sourcedScripts. */
export function scriptsByName<T extends Sourceable>(scripts: readonly T[]): Map<string, T[]> {
  const byName = new Map<string, T[]>();
  for (const s of scripts) {
    const name = s.path.slice(s.path.lastIndexOf('/') + 1);
    const list = byName.get(name);
    if (list) {
      list.push(s);
    } else {
      byName.set(name, [s]);
    }
  }
  return byName;
}

/**
 * The package's scripts a script sources, directly or through them (`. ./lib/common.sh`, `source
 * "$(dirname "$0")/common.sh"`): found by file name, when exactly one other script of the package has it.
 */
export function sourcedScripts<T extends Sourceable>(script: T, byName: ReadonlyMap<string, readonly T[]>): T[] {
  const found = new Set<T>();
  const visit = (from: T): void => {
    for (const c of from.commands) {
      const target = (c.name === 'source' || c.name === '.') && c.args[0] ? (c.args[0].value ?? c.args[0].text).replace(/["']/g, '') : undefined;
      const hits = target ? byName.get(target.slice(target.lastIndexOf('/') + 1))?.filter((s) => s !== script) : undefined;
      if (hits?.length === 1 && !found.has(hits[0])) {
        found.add(hits[0]);
        visit(hits[0]);
      }
    }
  };
  visit(script);
  return [...found];
}

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
