import { formatOf, type ConfigFile } from './keys';
import { readFlat } from './formats/flat';
import { readJson } from './formats/json';
import { readYaml } from './formats/yaml';

/** A config file's keys with ranges; undefined when the text cannot be read as its format. */
export function readConfigFile(path: string, text: string): ConfigFile | undefined {
  const format = formatOf(path);
  if (!format) {
    return undefined;
  }
  try {
    const keys =
      format === 'json' ? readJson(text) : format === 'yaml' ? readYaml(text) : readFlat(text, format === 'ini', path.endsWith('.properties'));
    return { path, text, format, keys };
  } catch {
    return undefined;
  }
}
