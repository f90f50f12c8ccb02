import { RULES } from './rules';

/** docs/rules/README.md, made from the rule list (`npm run docs:rules` writes it; a test keeps it in step). */
export function ruleIndex(): string {
  return [
    '# Rules',
    '',
    '| rule | severity | what it catches |',
    '|---|---|---|',
    ...RULES.map((r) => `| [\`${r.id}\`](${r.id}.md) | ${r.severity} | ${r.title} |`),
    '',
    "ShellCheck's findings appear as `shellcheck/SCnnnn`, linked to ShellCheck's wiki.",
    '',
  ].join('\n');
}
