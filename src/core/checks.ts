import type { Check } from './context';
import { parseRules } from './manifest/parseRules';
import { schemaRule } from './manifest/schemaRule';
import { rangeRules } from './manifest/rangeRules';
import { flagRule } from './manifest/flagRule';
import { fileRules, rollbackRule } from './manifest/fileRules';
import { payloadRules } from './archive/payloadRules';
import { signatureRules } from './signature/signatureRules';
import { scriptRules } from './scripts/scriptRules';
import { configRules } from './config/configRules';
import { compatRules } from './compat/compatRules';

/** Every check the review runs, in order. Adding a rule: write its module, list it here and in rules.ts. */
export const CHECKS: Check[] = [
  parseRules,
  schemaRule,
  rangeRules,
  flagRule,
  fileRules,
  rollbackRule,
  payloadRules,
  signatureRules,
  scriptRules,
  configRules,
  compatRules,
];
