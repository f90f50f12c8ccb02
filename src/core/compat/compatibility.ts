import type { Finding } from '../finding';
import type { Manifest } from '../manifest/model';
import type { TextFile } from '../textFile';
import { parseInventory } from './inventory';
import { buildMatrix, type CompatMatrix } from './matrix';
import { matrixFindings } from './compatRules';

/** The compatibility of a package with a target, alone (the matrix command): the matrix and its verdicts. */
export function compatibilityOf(manifest: Manifest, inventory: TextFile): { matrix: CompatMatrix; findings: Finding[] } {
  const matrix = buildMatrix(manifest, parseInventory(inventory.text, inventory.path));
  return { matrix, findings: matrixFindings(manifest, matrix) };
}
