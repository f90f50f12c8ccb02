import { sqlSources, unlockedDdl } from '../sql';
import { literalValues } from '../held';
import type { WholeScriptRule } from '../scriptRule';
import { LineIndex } from '../../finding';

const meta = { id: 'script/unlocked-schema-change', severity: 'error', title: 'Schema change without a migration lock', scope: 'script' } as const;

/** script/unlocked-schema-change: DDL run through a SQL client with no migration lock taken first. */
const run: WholeScriptRule['run'] = (script, env, report) =>
  script.commands.flatMap((cmd) =>
    sqlSources(cmd, (p) => env.packageText.get(p), (name) => literalValues(name, script.assignments)).flatMap((src) =>
      unlockedDdl(src.text).map((stmt) => {
        const where = src.file ? ` (from ${src.file})` : '';
        const related = src.file
          ? [{ file: src.file, origin: 'package' as const, range: new LineIndex(src.text).rangeOf(stmt.offset, stmt.statement.length), message: 'the unlocked statement' }]
          : undefined;
        const shown = stmt.statement.length > 80 ? stmt.statement.slice(0, 77) + '…' : stmt.statement;
        return report(cmd.nameRange, `${cmd.name} runs "${shown}"${where} on a live database without a migration lock (pg_advisory_lock, GET_LOCK, LOCK TABLE): a concurrent writer or a second node can break or block it`, related ? { related } : {});
      }),
    ),
  );

export const schemaChangeRule: WholeScriptRule = { meta, run };
