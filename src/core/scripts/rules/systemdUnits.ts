import { unitName } from '../../compat/inventory';
import { operands, type ShellCommand, type Word } from '../model';
import type { StatementRule } from '../scriptRule';
import { enclosingConditions } from '../guards';

const meta = { id: 'script/unknown-systemd-unit', severity: 'warning', title: 'A systemd unit the target does not have', scope: 'statement' } as const;

const ACTS = new Set(['start', 'stop', 'restart', 'reload', 'try-restart', 'reload-or-restart', 'try-reload-or-restart', 'enable', 'disable', 'reenable', 'mask', 'unmask', 'kill', 'is-active', 'status']);

/** The units a systemctl/service command acts on, with their words. */
export function unitsActedOn(cmd: ShellCommand): Word[] {
  if (cmd.name === 'systemctl') {
    const ops = operands(cmd, ['-H', '--host', '-M', '--machine', '-s', '--signal', '-t', '--type', '-p', '--property']);
    if (ops.length < 2 || !ACTS.has(ops[0].value ?? '')) {
      return [];
    }
    return ops.slice(1).filter((w) => w.value !== undefined && !w.value.includes('*'));
  }
  if (cmd.name === 'service' || cmd.name === 'invoke-rc.d') {
    const ops = operands(cmd);
    return ops.length >= 2 && ops[0].value !== undefined ? [ops[0]] : [];
  }
  if (cmd.name === 'deb-systemd-invoke') {
    const ops = operands(cmd);
    return ops.length >= 2 && ACTS.has(ops[0].value ?? '') ? ops.slice(1).filter((w) => w.value !== undefined) : [];
  }
  return [];
}

/** Whether a unit is known: by name, or as an instance of a known template (`getty@tty1` of `getty@.service`). */
function knownUnit(name: string, ...sets: ReadonlySet<string>[]): boolean {
  const template = /^([^@]+)@[^.]+(\.\w+)$/.exec(name);
  return sets.some((s) => s.has(name) || (template !== null && s.has(`${template[1]}@${template[2]}`)));
}

/** Whether the script checks for the unit before acting on it (`if [ -x /etc/init.d/lighttpd ]; then …`). */
function checkedFirst(cmd: ShellCommand, unit: string): boolean {
  const bare = unit.replace(/\.service$/, '');
  return enclosingConditions(cmd).some((c) => c.includes(bare));
}

/** script/unknown-systemd-unit: systemctl/service acts on a unit the inventory does not list. */
export const systemdUnitRule: StatementRule = {
  meta,
  command(cmd, env, report) {
    const known = env.inventory?.systemdUnits;
    return !known
      ? undefined
      : unitsActedOn(cmd)
      .filter((w) => !knownUnit(unitName(w.value!), known, env.packageUnits) && !checkedFirst(cmd, w.value!))
      .map((w) =>
        report(w.range, `${cmd.name} acts on ${unitName(w.value!)}, which the target ${env.inventory?.host ? `(${env.inventory.host}) ` : ''}does not have and the package does not install: the unit may have been renamed or removed`),
      );
  },
};
