import type { Parsed } from './args';
import { CliError } from './io';

export async function runMatrix(_path: string, _values: Parsed['values']): Promise<number> {
  throw new CliError('matrix is not available yet');
}
