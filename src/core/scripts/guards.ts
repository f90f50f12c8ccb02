import { ancestors, type ShellCommand } from './model';
import { append } from '../append';

/**
 * The conditions of the `if` statements a command sits in, innermost first: a script that checks first
 * (`if [ -x /etc/init.d/lighttpd ]`, `if [ "$DEBIAN_FRONTEND" != noninteractive ]`) has thought of the case.
 */
export function enclosingConditions(cmd: ShellCommand): string[] {
  const out: string[] = [];
  for (const n of ancestors(cmd)) {
    if (n.type === 'if_statement') {
      append(out, n.childrenForFieldName('condition').flatMap((c) => (c ? [c.text] : [])));
    }
  }
  return out;
}
