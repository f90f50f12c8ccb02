import type { StatementRule } from '../scriptRule';
import type { ShellCommand, Word } from '../model';

const meta = { id: 'script/tls-verify-off', severity: 'error', title: 'Certificate checks are turned off for a download', scope: 'statement' } as const;

/** curl short options that take a value: in a group like `-sSLk` a `k` after one of these is that value. */
const CURL_VALUE_FLAGS = 'oHdXuAeETwxrmCbcFKYyzQU';

function curlInsecure(arg: string): boolean {
  if (arg === '--insecure' || arg === '--proxy-insecure') {
    return true;
  }
  if (!/^-[A-Za-z0-9#]+$/.test(arg)) {
    return false;
  }
  for (const c of arg.slice(1)) {
    if (c === 'k') {
      return true;
    }
    if (CURL_VALUE_FLAGS.includes(c)) {
      return false;
    }
  }
  return false;
}

/** The argument that turns certificate checks off, if this command has one. */
function insecureArg(cmd: ShellCommand): Word | undefined {
  const args = cmd.args;
  const v = (w: Word): string => w.value ?? w.text;
  switch (cmd.name) {
    case 'curl':
      return args.find((a) => curlInsecure(v(a)));
    case 'wget':
      return args.find((a) => v(a) === '--no-check-certificate');
    case 'git':
      return args.find((a, i) => /^http\.sslverify=(false|0|no|off)$/i.test(v(a)) && v(args[i - 1] ?? a) === '-c');
    case 'pip':
    case 'pip3':
      return args.find((a) => v(a) === '--trusted-host' || v(a).startsWith('--trusted-host='));
    case 'npm':
    case 'yarn':
      return args.find((a, i) => /^strict-ssl$/.test(v(a)) && /^(false|0)$/.test(v(args[i + 1] ?? a)));
    case 'aws':
      return args.find((a) => v(a) === '--no-verify-ssl');
    default:
      return undefined;
  }
}

/** script/tls-verify-off: certificate checks are turned off for a download. */
export const tlsVerifyOffRule: StatementRule = {
  meta,
  command(cmd, _env, report) {
    const arg = insecureArg(cmd);
    return arg ? report(arg.range, `${cmd.name} ${arg.text} turns certificate checks off: whoever sits on the path (a proxy, a hijacked DNS name) can serve anything, and it will run on the target; fix the trust store instead`) : undefined;
  },
  assignment(a, _env, report) {
    if (/^(GIT_SSL_NO_VERIFY|PYTHONHTTPSVERIFY|NODE_TLS_REJECT_UNAUTHORIZED)$/.test(a.name)) {
      const value = a.value?.value ?? '';
      const off = a.name === 'GIT_SSL_NO_VERIFY' ? value !== '' && value !== '0' && value !== 'false' : value === '0';
      if (off) {
        return report(a.range, `${a.name}=${value} turns certificate checks off for every download after it: whoever sits on the path can serve anything`);
      }
    }
    return undefined;
  },
};
