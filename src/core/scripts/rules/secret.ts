import type { Finding } from '../../finding';
import type { StatementRule } from '../scriptRule';

const meta = { id: 'script/hardcoded-secret', severity: 'error', title: 'A secret is written in the script', scope: 'statement' } as const;

const SECRET_NAME = /(PASS(WORD|WD)?|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)$/i;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** Placeholders and publicly known defaults (Java's keystore password `changeit`) are no secret. */
function looksLikeValue(v: string): boolean {
  return v.length >= 4 && !/^(true|false|yes|no|none|null|changeme_at_install|changeit)$/i.test(v) && !v.startsWith('/');
}

/** script/hardcoded-secret: a password, token or private key written in the script. */
export const secretRule: StatementRule = {
  meta,
  assignment(a, _env, report) {
    if (SECRET_NAME.test(a.name) && a.value?.value !== undefined && looksLikeValue(a.value.value)) {
      return report(a.range, `${a.name} holds a literal secret: anyone who can read the package can use it; read it from a secret store or the environment at run time`);
    }
    return undefined;
  },
  command(cmd, _env, report) {
    const out: Finding[] = [];
    for (const [i, arg] of cmd.args.entries()) {
      const v = arg.value;
      if (v === undefined) {
        continue;
      }
      const assign = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(v);
      const option = /^--?(password|passwd|token|api-key|secret)=(.+)$/i.exec(v);
      const mysqlPw = (cmd.name === 'mysql' || cmd.name === 'mysqldump' || cmd.name === 'mariadb') && /^-p(.+)$/.exec(v);
      const bearer = /^Authorization:\s*(Bearer|Basic|token)\s+([^$\s]{8,})$/i.exec(v);
      const userinfo = /:\/\/[^/\s:@]+:([^@\s$]+)@/.exec(v);
      const next = cmd.args[i + 1]?.value;
      const spaced = /^--?(password|passwd|token|api-key|secret)$/i.test(v) && next !== undefined && looksLikeValue(next);
      // curl -u user:pass / --user user:pass (a user alone, or :$VAR, is not a secret written here)
      const basic = (cmd.name === 'curl' || cmd.name === 'wget') && (v === '-u' || v === '--user' || v === '--http-password') && next !== undefined && (v === '--http-password' ? looksLikeValue(next) : /^[^:\s]+:(?!\$)(.{4,})$/.test(next));
      if ((assign && SECRET_NAME.test(assign[1]) && looksLikeValue(assign[2])) || (option && looksLikeValue(option[2])) || mysqlPw || bearer || userinfo || spaced || basic) {
        out.push(report(spaced || basic ? cmd.args[i + 1].range : arg.range, `${cmd.name} is given a literal secret on its command line: it is readable in the package and in the process list of the host`));
      }
    }
    const body = cmd.heredoc?.body;
    if (body && PRIVATE_KEY.test(body)) {
      out.push(report(cmd.nameRange, `${cmd.name} writes a private key held in the script: anyone with the package has it`));
    }
    return out;
  },
};
