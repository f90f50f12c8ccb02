import type { Check, PackageCheck } from '../context';
import { MANIFEST_PATH } from './model';
import { finding, type RuleMeta } from '../rule';

export const AMBIGUOUS_FLAG: RuleMeta = { id: 'manifest/ambiguous-flag', severity: 'warning', title: 'A boolean field holds something else', scope: 'package' };

const BOOLEAN_FIELDS = ['reboot'];

/** manifest/ambiguous-flag: a boolean field holds something else ("recommended", "yes", 1). */
const flagRule: Check = ({ manifest }) =>
  manifest
    ? BOOLEAN_FIELDS.filter((key) => key in manifest.data && typeof manifest.data[key] !== 'boolean').map((key) =>
        finding(
          AMBIGUOUS_FLAG,
          MANIFEST_PATH,
          `"${key}" is ${JSON.stringify(manifest.data[key])}, not true or false: ask the vendor whether it is required, and plan the window as if it were`,
          manifest.doc.valueRange([key]),
        ),
      )
    : [];

export const manifestFlags: PackageCheck = { rules: [AMBIGUOUS_FLAG], run: flagRule };
