import { escapeForTerminal, textProblem } from '../../src/common/text-input';

describe('caller text: what is refused, and how stored text is printed on a terminal', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['lone high surrogate', 'a\ud800'],
    ['lone low surrogate', '\udc00a'],
    ['ESC (terminal escape sequences)', 'x\u001b[2J'],
    ['BEL', 'x\u0007'],
    ['CR/LF', 'x\r\nInjected: 1'],
    ['TAB', 'a\tb'],
    ['DEL', 'a\u007f'],
    ['C1 control (NEL)', 'a\u0085'],
    ['right-to-left override', 'abc\u202edcba'],
    ['first strong isolate', 'a\u2068b'],
  ])('one-line text refuses %s', (_label, text) => {
    expect(textProblem(text)).toEqual(expect.any(String));
  });

  it('multi-line text allows tabs and line breaks, nothing else', () => {
    expect(textProblem('line one\r\nline two\tend', { multiline: true })).toBeNull();
    expect(textProblem('bell\u0007', { multiline: true })).toMatch(/control characters/);
    expect(textProblem('rtl\u202e', { multiline: true })).toMatch(/bidirectional/);
  });

  it('ordinary text passes, emoji and accents included', () => {
    for (const ok of ['Orders stream (EU)', 'café — naïve', 'peak 🚀 traffic', '日本語のストリーム', ''])
      expect(textProblem(ok)).toBeNull();
  });

  it('escapes control, bidi and lone surrogate characters for the CLI, and leaves the rest alone', () => {
    expect(escapeForTerminal('red\u001b[31m\u0007\r\n')).toBe('red\\u001b[31m\\u0007\\u000d\\u000a');
    expect(escapeForTerminal('abc\u202edcba')).toBe('abc\\u202edcba');
    expect(escapeForTerminal('a\ud800b')).toBe('a\\ud800b');
    expect(escapeForTerminal('peak 🚀 café')).toBe('peak 🚀 café');
  });
});
