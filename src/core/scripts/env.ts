import type { Inventory } from '../compat/inventory';
import type { ScriptModel } from './model';

/** What a script rule knows beyond the script itself. */
export interface ScriptEnv {
  inventory?: Inventory;
  /** The manifest's reboot value, as written. */
  reboot: unknown;
  /** Text of the rollback and cleanup scripts: what undoes a side effect. */
  undoText: string;
  /** Whether this script is itself the rollback or cleanup hook. */
  isUndoScript: boolean;
  /** Small text files of the package (.sql, unit files, crontabs), by path. */
  packageText: Map<string, string>;
  /** systemd units the package ships or writes itself. */
  packageUnits: Set<string>;
  /** Scripts of the package this one sources (`. ./lib/common.sh`): their helpers and settings apply to it. */
  sourced: readonly Pick<ScriptModel, 'path' | 'commands' | 'assignments'>[];
  now: Date;
}
