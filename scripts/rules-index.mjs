// `npm run docs:rules`: writes docs/rules/README.md from the rule list (run `npm run compile` first).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ruleIndex } = require('../out/src/core/ruleIndex.js');
writeFileSync(new URL('../docs/rules/README.md', import.meta.url), ruleIndex());
