/* eslint-disable no-control-regex, no-misleading-character-class -- matching control and invisible characters is the point of this file */
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

/**
 * Characters a terminal does not show (or shows as something else): C0/C1 controls and DEL, bidi controls, lone
 * surrogates, and the invisible ones — soft hyphen, zero-width spaces and joiners, word joiner and invisible
 * operators, line/paragraph separators, Hangul fillers, variation selectors, the BOM, interlinear annotations and
 * the tag characters (U+E0000–U+E007F).
 */
const UNPRINTABLE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb]|\udb40[\udc00-\udc7f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Stored text made safe to print on a terminal: every unprintable character as a \u escape (\u{…} past U+FFFF). */
export function escapeForTerminal(value: string): string {
  return value.replace(UNPRINTABLE, (c) => {
    const code = c.codePointAt(0)!;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
