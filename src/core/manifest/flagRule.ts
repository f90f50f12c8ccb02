import { finding } from '../rules';
import type { Check } from '../context';
import { MANIFEST_PATH } from './model';

const BOOLEAN_FIELDS = ['reboot'];

/** manifest/ambiguous-flag: a boolean field holds something else ("recommended", "yes", 1). */
export const flagRule: Check = ({ manifest }) =>
  manifest
    ? BOOLEAN_FIELDS.filter((key) => key in manifest.data && typeof manifest.data[key] !== 'boolean').map((key) =>
        finding(
          'manifest/ambiguous-flag',
          MANIFEST_PATH,
          `"${key}" is ${JSON.stringify(manifest.data[key])}, not true or false: ask the vendor whether it is required, and plan the window as if it were`,
          manifest.doc.valueRange([key]),
        ),
      )
    : [];
