import type { PackageCheck } from '../context';
import { EXPIRED, INVALID, KEY_USAGE, MISSING, UNTRUSTED_ROOT } from './verify';

/** signature/*: what verifying the signature found (see verify.ts; the verdict is built before the rules run). */
export const signature: PackageCheck = { rules: [MISSING, INVALID, UNTRUSTED_ROOT, EXPIRED, KEY_USAGE], run: (ctx) => ctx.models.signature?.findings ?? [] };
