import type { Node } from 'jsonc-parser';
import { JsonDocument } from '../../json';
import type { ConfigKey } from '../keys';

/** JSON and JSONC: flat dotted keys and nested objects alike (arrays are not descended). */
export function readJson(text: string): ConfigKey[] {
  const doc = new JsonDocument(text, { comments: true });
  const keys: ConfigKey[] = [];
  const visit = (node: Node | undefined, prefix: string[]): void => {
    if (node?.type !== 'object') {
      return;
    }
    for (const prop of node.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (!keyNode || !valueNode) {
        continue;
      }
      const segments = [...prefix, String(keyNode.value)];
      if (valueNode.type === 'object') {
        visit(valueNode, segments);
        continue;
      }
      keys.push({
        key: segments.join('.'),
        value: valueNode.type === 'array' ? JSON.stringify(valueNode.value) : valueNode.value,
        keyRange: doc.rangeOfNode(keyNode),
        valueRange: doc.rangeOfNode(valueNode),
        entryStart: prop.offset,
        entryEnd: prop.offset + prop.length,
        segments,
        nested: prefix.length > 0,
      });
    }
  };
  visit(doc.root, []);
  return keys;
}
