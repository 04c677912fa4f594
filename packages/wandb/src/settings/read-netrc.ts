import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The netrc file the SDK reads: `$NETRC`, else `~/.netrc`, else `~/_netrc`. */
export function netrcPath(environment: Readonly<Record<string, string | undefined>>): string {
  const explicit = environment.NETRC;
  const home = environment.HOME ?? homedir();
  if (explicit !== undefined && explicit !== '') return explicit.replace(/^~(?=$|\/)/, home);
  const unix = join(home, '.netrc');
  if (existsSync(unix)) return unix;
  return join(home, '_netrc');
}

/**
 * The password netrc stores for `machine` (the API URL's host[:port], as the SDK looks it up), or
 * undefined. Tokens are whitespace separated; `default` applies to any machine.
 */
export function readNetrcPassword(path: string, machine: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const tokens = text.split(/\s+/).filter((token) => token !== '');
  let current: string | undefined;
  let fallback: string | undefined;
  let found: string | undefined;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token === 'machine') current = tokens[++index];
    else if (token === 'default') current = '\u0000default';
    else if (token === 'password') {
      const password = tokens[++index];
      if (current === machine && found === undefined) found = password;
      if (current === '\u0000default' && fallback === undefined) fallback = password;
    } else if (token === 'login' || token === 'account') index++;
  }
  return found ?? fallback;
}
