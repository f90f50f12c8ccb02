import type { Node as YamlNode } from 'yaml';
import { yamlLibrary } from '../../lazy';
import { LineIndex } from '../../finding';
import type { ConfigKey } from '../keys';

/** YAML through the document API: flat and nested maps, ranges from the CST, comments ignored. */
export function readYaml(text: string): ConfigKey[] {
  const { isMap, isPair, isScalar, parseDocument } = yamlLibrary();
  const doc = parseDocument(text, { keepSourceTokens: false });
  const lines = new LineIndex(text);
  const keys: ConfigKey[] = [];
  const visit = (node: unknown, prefix: string[]): void => {
    if (!isMap(node)) {
      return;
    }
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) {
        continue;
      }
      const segments = [...prefix, String(pair.key.value)];
      const value = pair.value as YamlNode | null;
      if (isMap(value)) {
        visit(value, segments);
        continue;
      }
      const keyRange = pair.key.range!;
      const valueRange = value?.range ?? [keyRange[1], keyRange[1], keyRange[1]];
      const lineStart = text.lastIndexOf('\n', keyRange[0] - 1) + 1;
      const lineEnd = text.indexOf('\n', valueRange[2] > keyRange[1] ? valueRange[1] : keyRange[1]);
      keys.push({
        key: segments.join('.'),
        value: isScalar(value) ? value.value : value ? JSON.stringify(value.toJSON()) : null,
        keyRange: lines.rangeOf(keyRange[0], keyRange[1] - keyRange[0]),
        valueRange: lines.rangeOf(valueRange[0], valueRange[1] - valueRange[0]),
        entryStart: lineStart,
        entryEnd: lineEnd < 0 ? text.length : lineEnd + 1,
        segments,
        nested: prefix.length > 0,
      });
    }
  };
  visit(doc.contents, []);
  return keys;
}
