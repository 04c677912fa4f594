import { InvalidOptionError } from '@tasklens/core';

/** The SDK's run-id rules (wandb_settings.validate_run_id), as `InvalidOptionError` on `option`. */
export function validateRunId(runId: string, option = 'id'): void {
  const fail = (message: string) => new InvalidOptionError({ option, message: `${option}: ${message}` });
  if (runId.length === 0) throw fail('Run ID cannot be empty');
  if (runId.trim() === '') throw fail('Run ID cannot contain only whitespace');
  if (runId.length > runId.trim().length) throw fail('Run ID cannot start or end with whitespace');
  if ([...":;,#?/'"].some((character) => runId.includes(character))) {
    throw fail(`Run ID cannot contain the characters: :;,#?/'`);
  }
}

const invalidProjectCharacters = [...'/\\#?%:'];

/** The SDK's project-name rules (wandb_settings.validate_project). */
export function validateProjectName(project: string, option = 'project'): void {
  const repr = pythonRepr(project);
  // Python's len() counts code points, not UTF-16 units: an emoji is one character.
  if (characterCount(project) > 128) {
    throw new InvalidOptionError({
      option,
      message: `${option}: Invalid project name ${repr}: exceeded 128 characters`,
    });
  }
  const found = invalidProjectCharacters.filter((character) => project.includes(character));
  if (found.length > 0) {
    throw new InvalidOptionError({
      option,
      message: `${option}: Invalid project name ${repr}: cannot contain characters ${pythonRepr(invalidProjectCharacters.join(','))}, found ${pythonRepr(found.join(','))}`,
    });
  }
}

/** The SDK's API-key format check (wbauth.validation.check_api_key); the key itself is never quoted. */
export function checkApiKey(key: string): string | undefined {
  if (key === '') return 'API key is empty.';
  if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(key)) return undefined;
  const dash = key.indexOf('-');
  const secret = dash === -1 ? key : key.slice(dash + 1);
  if (!/^[\w-]+$/.test(secret)) return 'API key may only contain the letters A-Z, digits and underscores.';
  if (secret.length < 40) return `API key must have 40+ characters, has ${secret.length}.`;
  return undefined;
}

/** Python's repr() of a str (single quotes unless the text contains one), for identical messages. */
function pythonRepr(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\');
  if (text.includes("'") && !text.includes('"')) return `"${escaped}"`;
  return `'${escaped.replace(/'/g, "\\'")}'`;
}

/** Characters as Python's `len()` counts them (code points), not UTF-16 units. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** The SDK's tag rule: 1–64 characters each. */
export function validateTags(tags: readonly string[], option = 'tags'): string[] {
  if (!Array.isArray(tags))
    throw new InvalidOptionError({ option, message: `${option} must be an array of strings` });
  return tags.map((tag, index) => {
    if (typeof tag !== 'string' || tag.length === 0 || characterCount(tag) > 64) {
      throw new InvalidOptionError({
        option: `${option}[${index}]`,
        message: `${option}[${index}]: Tags must be between 1 and 64 characters`,
      });
    }
    return tag;
  });
}
