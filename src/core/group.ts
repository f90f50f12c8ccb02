import { capMessage, type Finding } from './finding';

/** More findings of one rule about whole files than this become one finding (see groupRepeated). */
export const GROUP_AT = 20;
const EXAMPLES = 5;

const wholeFile = (f: Finding): boolean => f.origin === 'package' && f.range.start.line === 0 && f.range.start.character === 0 && f.range.end.line === 0 && f.range.end.character === 0;

/**
 * A package of 100,000 unlisted files should not bury its few real problems under 100,000 lines: findings of
 * one rule about whole files (not a line in them) past GROUP_AT become one finding at the first file, with
 * the count and the first examples in its message and in `group`. Input order is kept: a review groups in
 * the order its checks found them (a ZIP's own order, a folder's sorted walk) and sorts afterwards.
 */
export function groupRepeated(findings: readonly Finding[]): Finding[] {
  const counts = new Map<string, number>();
  // forEach, not for…of, over lists as long as a package: a first-run for…of allocates a result per step.
  findings.forEach((f) => {
    if (wholeFile(f)) {
      counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
    }
  });
  const grouped = (f: Finding): boolean => wholeFile(f) && counts.get(f.rule)! > GROUP_AT;
  if (![...counts.values()].some((n) => n > GROUP_AT)) {
    return [...findings];
  }
  // One pass: a group takes the place of its first finding; the others are left out.
  const out: Finding[] = [];
  const groups = new Map<string, { at: number; list: Finding[] }>();
  findings.forEach((f) => {
    if (!grouped(f)) {
      out.push(f);
      return;
    }
    const g = groups.get(f.rule);
    if (g) {
      g.list.push(f);
    } else {
      groups.set(f.rule, { at: out.length, list: [f] });
      out.push(f);
    }
  });
  for (const { at, list } of groups.values()) {
    const first = list[0];
    const examples = list.slice(0, EXAMPLES).map((f) => f.file);
    const more = list.length - examples.length;
    const message = `${list.length} files: ${first.message}; the same holds for ${examples.slice(1).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
    out[at] = { ...first, message: capMessage(message), group: { count: list.length, files: list.map((f) => f.file) } };
  }
  return out;
}
