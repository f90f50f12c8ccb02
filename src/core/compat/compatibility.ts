import type { Finding } from '../finding';
import type { Manifest } from '../manifest/model';
import type { TextFile } from '../textFile';
import { parseInventory } from './inventory';
import { buildMatrix, type CompatMatrix } from './matrix';
import { matrixFindings } from './compatRules';

/** The compatibility of a package with a target, alone (the matrix command): the matrix and its verdicts. */
export function compatibilityOf(manifest: Manifest, inventory: TextFile): { matrix: CompatMatrix; findings: Finding[]; problems: string[] } {
  const parsed = parseInventory(inventory.text, inventory.path);
  const matrix = buildMatrix(manifest, parsed);
  return { matrix, findings: matrixFindings(manifest, matrix), problems: parsed.problems };
}
