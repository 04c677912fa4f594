/**
 * Makes user-provided text (run names, tags, paths) safe inside one log line: control
 * characters, including newlines and the ESC of terminal escape sequences, become visible `\n`,
 * `\t`, `\xNN` / `\uNNNN` escapes, so a name cannot forge log lines or drive the terminal.
 */
export function escapeForLog(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (character) => {
    if (character === '\n') return '\\n';
    if (character === '\r') return '\\r';
    if (character === '\t') return '\\t';
    const code = character.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
