/** A word of a command, as far as peeling wrappers reads it: its literal value, if it has one. */
interface Arg {
  readonly value: string | undefined;
}

/** The wrappers a command runs through (`sudo`, `env`, `nohup`…): peeled off to find the command itself. */
const WRAPPERS = new Set(['sudo', 'doas', 'env', 'nohup', 'exec', 'time', 'nice', 'ionice', 'timeout', 'stdbuf', 'command', 'builtin', 'xargs']);

/** Wrapper options that take a value, so the wrapped command is found after them. */
const OPTION_ARGS: Record<string, Set<string>> = {
  sudo: new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T']),
  doas: new Set(['-u', '-C']),
  nice: new Set(['-n']),
  ionice: new Set(['-c', '-n']),
  timeout: new Set(['-s', '-k', '--signal', '--kill-after']),
  xargs: new Set(['-I', '-n', '-P', '-d', '-L', '-s', '-E']),
};

/**
 * Commands the rules judge, recognised after a variable used as a prefix (`$STD apt-get upgrade`, `$SUDO
 * systemctl …`): installer frameworks keep a wrapper (quiet, sudo) in a variable. Only these, so a variable
 * holding a program's own path (`$PSQL mydb -c …`) keeps its meaning.
 */
const AFTER_VARIABLE = new Set(['apt', 'apt-get', 'aptitude', 'yum', 'dnf', 'zypper', 'apk', 'pacman', 'pip', 'pip3', 'npm', 'systemctl', 'service', 'rm', 'curl', 'wget', 'chmod', 'chown', 'sed', 'tee', 'cp', 'mv', 'install', 'mkdir', 'bash', 'sh', 'crontab', 'reboot', 'shutdown', 'git', 'useradd', 'ufw', 'iptables', 'setenforce', 'read', 'psql', 'mysql']);

/** Peels wrappers: `sudo -u x env A=1 systemctl stop y` → systemctl with via [sudo, env]; `$STD apt-get …` → apt-get via [$STD]. */
export function unwrap<W extends Arg>(name: string, args: W[]): { name: string; args: W[]; nameWord?: W; via: string[] } {
  const via: string[] = [];
  let current = name;
  // The wrapped command's arguments start at `from`: one slice at the end, not one per wrapper (40,000
  // `sudo`s in a row took 24 s).
  let from = 0;
  let nameWord: W | undefined;
  const next = args[0]?.value;
  if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(current) && next !== undefined && AFTER_VARIABLE.has(basename(next))) {
    via.push(current);
    nameWord = args[0];
    current = basename(next);
    from = 1;
  }
  while (WRAPPERS.has(current) && from < args.length) {
    const takes = OPTION_ARGS[current] ?? new Set<string>();
    let i = from;
    while (i < args.length) {
      const v = args[i].value ?? '';
      if (current === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
        i++;
      } else if (v.startsWith('-') && v !== '-') {
        i += takes.has(v) ? 2 : 1;
      } else if (current === 'timeout' && /^\d/.test(v)) {
        i++;
      } else {
        break;
      }
    }
    if (i >= args.length || args[i].value === undefined) {
      break;
    }
    via.push(current);
    nameWord = args[i];
    current = basename(args[i].value!);
    from = i + 1;
  }
  return { name: current, args: from === 0 ? args : args.slice(from), nameWord, via };
}

/** Longer than a path may be (PATH_MAX): such a "name" is a whole nested expansion, not a program's path. */
const MAX_PATH = 4096;

/**
 * The last segment of a command's path. A longer word is kept whole rather than searched for its last '/':
 * in `$($($(…)))` each command's name is the rest of the nesting, and searching them all took time that grew
 * with the square of the depth.
 */
export function basename(path: string): string {
  return path.length > MAX_PATH ? path : path.slice(path.lastIndexOf('/') + 1);
}
