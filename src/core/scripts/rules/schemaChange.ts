import { sqlSources, unlockedDdl } from '../sql';
import { literalValues } from '../held';
import { scriptFinding, type ScriptRule } from '../env';
import { LineIndex } from '../../finding';

/** script/unlocked-schema-change: DDL run through a SQL client with no migration lock taken first. */
export const schemaChangeRule: ScriptRule = (script, env) =>
  script.commands.flatMap((cmd) =>
    sqlSources(cmd, (p) => env.packageText.get(p), (name) => literalValues(name, script.assignments)).flatMap((src) =>
      unlockedDdl(src.text).map((stmt) => {
        const where = src.file ? ` (from ${src.file})` : '';
        const related = src.file
          ? [{ file: src.file, origin: 'package' as const, range: new LineIndex(src.text).rangeOf(stmt.offset, stmt.statement.length), message: 'the unlocked statement' }]
          : undefined;
        const shown = stmt.statement.length > 80 ? stmt.statement.slice(0, 77) + '…' : stmt.statement;
        return scriptFinding('script/unlocked-schema-change', script, cmd.nameRange, `${cmd.name} runs "${shown}"${where} on a live database without a migration lock (pg_advisory_lock, GET_LOCK, LOCK TABLE): a concurrent writer or a second node can break or block it`, related ? { related } : {});
      }),
    ),
  );
