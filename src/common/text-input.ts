/* eslint-disable no-control-regex -- matching control characters is the point of this file */
/**
 * Checks of free text a caller stores or searches with (names, descriptions, search terms): PostgreSQL
 * cannot store NUL or lone UTF-16 surrogates (they used to answer 500), and terminal control characters
 * (ESC, BEL, CR/LF…) or bidirectional overrides in a name would reach logs, CSV and the CLI's output.
 */

/** C0 controls, DEL and C1 controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Controls allowed in multi-line text (descriptions): TAB, LF, CR. */
const CONTROL_EXCEPT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Bidirectional embeddings, overrides and isolates (Trojan Source), plus the implicit marks. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with a piece of caller text, or null. `multiline` allows TAB, LF and CR. */
export function textProblem(value: string, options: { multiline?: boolean } = {}): string | null {
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it holds a lone UTF-16 surrogate)';
  if ((options.multiline ? CONTROL_EXCEPT_WHITESPACE : CONTROL).test(value))
    return options.multiline
      ? 'must not hold control characters other than tab and line breaks'
      : 'must not hold control characters (including line breaks and tabs)';
  if (BIDI.test(value)) return 'must not hold bidirectional control characters';
  return null;
}

/** Stored text made safe to print on a terminal: control and bidi characters as \u escapes. */
export function escapeForTerminal(value: string): string {
  return value.replace(
    /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
