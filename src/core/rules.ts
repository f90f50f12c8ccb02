import type { PackageCheck } from './context';
import type { RuleMeta } from './rule';
import type { ScriptRule } from './scripts/scriptRule';
import { ARCHIVE_RULES } from './archive/safety';
import { NESTING_DEPTH } from './nested/expand';
import { manifestParse } from './manifest/parseRules';
import { manifestSchema } from './manifest/schemaRule';
import { manifestRanges } from './manifest/rangeRules';
import { manifestFlags } from './manifest/flagRule';
import { manifestFiles, manifestRollback } from './manifest/fileRules';
import { payload } from './archive/payloadRules';
import { signature } from './signature/signatureRules';
import { checksums } from './signature/checksums';
import { jarSignatures } from './signature/jarRules';
import { scripts } from './scripts/scriptRules';
import { configDriftCheck } from './config/configRules';
import { compatibility } from './compat/compatRules';
import { sudoRule } from './scripts/rules/sudo';
import { systemdUnitRule } from './scripts/rules/systemdUnits';
import { schemaChangeRule } from './scripts/rules/schemaChange';
import { cronJobRule } from './scripts/rules/cronJob';
import { retiredHostRule } from './scripts/rules/retiredHost';
import { remoteExecRule } from './scripts/rules/remoteExec';
import { unsafeRmRule } from './scripts/rules/unsafeRm';
import { errexitRule } from './scripts/rules/errexit';
import { secretRule } from './scripts/rules/secret';
import { insecureUrlRule } from './scripts/rules/insecureUrl';
import { sideEffectRule } from './scripts/rules/sideEffect';
import { rebootRule } from './scripts/rules/reboot';
import { tlsVerifyOffRule } from './scripts/rules/tlsVerifyOff';
import { broadUpgradeRule } from './scripts/rules/broadUpgrade';
import { destructiveSqlRule } from './scripts/rules/destructiveSql';
import { interactivePromptRule } from './scripts/rules/interactivePrompt';
import { insecureTmpRule } from './scripts/rules/insecureTmp';
import { hostHardeningRule } from './scripts/rules/hostHardening';
import { unparsedRule } from './scripts/rules/unparsed';

/** Rules the archive pass reports while it reads the ZIP, before any check runs. */
interface ArchivePass {
  readonly rules: readonly RuleMeta[];
}

export type RuleModule = ArchivePass | PackageCheck | ScriptRule;

/**
 * Every rule of the engine, in the order the review runs them. Adding a rule: write its module (with its
 * meta), its doc (docs/rules/<id>.md), and list it here. See docs/architecture.md.
 */
export const REGISTRY: readonly RuleModule[] = [
  { rules: ARCHIVE_RULES },
  { rules: [NESTING_DEPTH] },
  manifestParse,
  manifestSchema,
  manifestRanges,
  manifestFlags,
  manifestFiles,
  manifestRollback,
  payload,
  signature,
  checksums,
  jarSignatures,
  scripts,
  sudoRule,
  systemdUnitRule,
  schemaChangeRule,
  cronJobRule,
  retiredHostRule,
  remoteExecRule,
  unsafeRmRule,
  errexitRule,
  secretRule,
  insecureUrlRule,
  sideEffectRule,
  rebootRule,
  tlsVerifyOffRule,
  broadUpgradeRule,
  destructiveSqlRule,
  interactivePromptRule,
  insecureTmpRule,
  hostHardeningRule,
  unparsedRule,
  configDriftCheck,
  compatibility,
];

const isScriptRule = (m: RuleModule): m is ScriptRule => 'meta' in m;
const isCheck = (m: RuleModule): m is PackageCheck => 'run' in m && !isScriptRule(m);

/** The package and workspace checks, in order (the script pass among them). */
export const CHECKS: readonly PackageCheck[] = REGISTRY.filter(isCheck);
/** The script rules the script pass runs. */
export const SCRIPT_RULES: readonly ScriptRule[] = REGISTRY.filter(isScriptRule);
/** Every rule: id, default severity, title, scope. The docs index and SARIF's rule table come from here. */
export const RULES: readonly RuleMeta[] = REGISTRY.flatMap((m) => (isScriptRule(m) ? [m.meta] : m.rules));

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return BY_ID.get(id);
}

export const DOCS_BASE_URL = 'https://github.com/upgrade-inspector/upgrade-inspector/blob/main/docs/rules/';

/** The doc page of a rule; ShellCheck codes link to ShellCheck's wiki. */
export function ruleDocUrl(id: string): string {
  const sc = /^shellcheck\/(SC\d+)$/.exec(id);
  return sc ? `https://www.shellcheck.net/wiki/${sc[1]}` : `${DOCS_BASE_URL}${id}.md`;
}
