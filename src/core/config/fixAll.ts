import type { TextEdit } from '../finding';
import type { TextFile } from '../textFile';
import { configDrift } from './drift';
import type { DeprecationMatrix } from './matrix';
import { applyTextEdits } from './textEdits';

export interface DriftInputs { matrix: DeprecationMatrix; target: string; product: string }

export interface ConfigChange { file: string; title: string; line: number }

/**
 * Applies every safe config fix, one per file per round, re-reading after each round so that fixes that
 * build on each other (rename, then set the required value) end clean. Returns the new texts.
 */
export function fixConfigDrift(
  files: readonly TextFile[],
  inputs: DriftInputs,
  /** Which changes to make (the ones the user left ticked); by default every safe one. */
  accept: (change: { file: string; title: string }) => boolean = () => true,
): { texts: Map<string, string>; changes: ConfigChange[] } {
  const current = new Map(files.map((f) => [f.path, f.text]));
  const changes: ConfigChange[] = [];
  for (let round = 0; round < 25; round++) {
    const findings = configDrift(
      [...current].map(([path, text]) => ({ path, text })),
      inputs.matrix,
      inputs.target,
      inputs.product,
    );
    const perFile = new Map<string, { title: string; edits: TextEdit[]; line: number }>();
    for (const f of findings) {
      const safe = f.fixes?.find((x) => x.safe);
      if (safe && !perFile.has(safe.file) && accept({ file: safe.file, title: safe.title })) {
        perFile.set(safe.file, { title: safe.title, edits: safe.edits, line: f.range.start.line + 1 });
      }
    }
    if (perFile.size === 0) {
      break;
    }
    for (const [file, fix] of perFile) {
      current.set(file, applyTextEdits(current.get(file)!, fix.edits));
      changes.push({ file, title: fix.title, line: fix.line });
    }
  }
  const texts = new Map([...current].filter(([path, text]) => files.find((f) => f.path === path)!.text !== text));
  return { texts, changes };
}
