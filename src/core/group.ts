import type { Finding } from './finding';

/** More findings of one rule about whole files than this become one finding (see groupRepeated). */
export const GROUP_AT = 20;
const EXAMPLES = 5;

const wholeFile = (f: Finding): boolean => f.origin === 'package' && f.range.start.line === 0 && f.range.start.character === 0 && f.range.end.line === 0 && f.range.end.character === 0;

/**
 * A package of 100,000 unlisted files should not bury its few real problems under 100,000 lines: findings of
 * one rule about whole files (not a line in them) past GROUP_AT become one finding at the first file, with
 * the count and the first examples in its message and in `group`. Input order is kept.
 */
export function groupRepeated(findings: readonly Finding[]): Finding[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    if (wholeFile(f)) {
      const list = byRule.get(f.rule) ?? [];
      list.push(f);
      byRule.set(f.rule, list);
    }
  }
  const grouped = new Map<Finding, Finding>();
  const dropped = new Set<Finding>();
  for (const list of byRule.values()) {
    if (list.length <= GROUP_AT) {
      continue;
    }
    const [first, ...rest] = list;
    const examples = list.slice(0, EXAMPLES).map((f) => f.file);
    const more = list.length - examples.length;
    const message = `${list.length} files: ${first.message}; the same holds for ${examples.slice(1).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
    grouped.set(first, { ...first, message, group: { count: list.length, files: list.map((f) => f.file) } });
    rest.forEach((f) => dropped.add(f));
  }
  return findings.filter((f) => !dropped.has(f)).map((f) => grouped.get(f) ?? f);
}
