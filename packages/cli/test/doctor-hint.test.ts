import { describe, expect, it } from 'vitest';
import { doctorAllCommand, doctorHintOf, doctorProfileHint } from '../src/doctor-hint.js';
import { shellWord } from '../src/shell-word.js';

describe('shellWord', () => {
  it('leaves a word no shell would change as it is', () => {
    for (const word of ['prod', 'em-01.corp', 'a_b@c:9398', 'münchen', 'x=1,y/2%+']) {
      expect(shellWord(word)).toBe(word);
    }
  });

  it('single-quotes the others, each single quote written as an escaped one between quotes', () => {
    expect(shellWord('my prod')).toBe("'my prod'");
    expect(shellWord("it's")).toBe("'it'\\''s'");
    expect(shellWord('$(rm -rf ~);`x`|&>*?!#"\\')).toBe("'$(rm -rf ~);`x`|&>*?!#\"\\'");
    expect(shellWord('~prod')).toBe("'~prod'");
    expect(shellWord('')).toBe("''");
  });

  it("quotes a word that starts with =, which zsh would expand to a command's path", () => {
    expect(shellWord('=prod')).toBe("'=prod'");
    expect(shellWord('a=b')).toBe('a=b');
  });

  it("writes control and bidi characters as $'…' escapes: nothing raw reaches the terminal", () => {
    expect(shellWord('a\nb')).toBe("$'a\\x0ab'");
    expect(shellWord("\u001b[31mred's\\")).toBe("$'\\x1b[31mred\\'s\\\\'");
    expect(shellWord('x\u202ey')).toBe("$'x\\u202ey'");
    const hint = doctorProfileHint('prod\n\u001b]0;owned\u0007');
    expect(hint).toBe("run vbem doctor --profile $'prod\\x0a\\x1b]0;owned\\x07'");
    expect(hint).not.toMatch(/\p{Cc}/u);
  });
});

describe('doctorProfileHint', () => {
  it('quotes the command when its profile needs no quoting, else the profile alone', () => {
    expect(doctorProfileHint('prod')).toBe("run 'vbem doctor --profile prod'");
    expect(doctorProfileHint("Bob's EM", ' to check the connection')).toBe(
      "run vbem doctor --profile 'Bob'\\''s EM' to check the connection",
    );
  });
});

describe('doctorHintOf', () => {
  const options = { url: 'https://em:9398', username: 'svc', password: 'Never-Shown-Pw-31' };

  it('names the options the doctor takes: the profile (with --config given), or --url and --username', () => {
    const profile = { name: 'acme', configFile: '/etc/vbem/msp.json' };
    expect(doctorHintOf({ options, profile })).toBe("run 'vbem doctor --profile acme'");
    expect(doctorHintOf({ options, profile: { ...profile, fromConfigFlag: true } })).toBe(
      "run 'vbem doctor --profile acme --config /etc/vbem/msp.json'",
    );
    expect(doctorHintOf({ options }, ' to check the connection')).toBe(
      "run 'vbem doctor --url https://em:9398 --username svc' to check the connection",
    );
    expect(doctorHintOf({ options: { ...options, username: 'CORP\\svc' } })).toBe(
      "run vbem doctor --url https://em:9398 --username 'CORP\\svc'",
    );
    expect(doctorHintOf({ options, demo: true })).toBe("run 'vbem doctor --demo'");
    expect(doctorAllCommand({ ...profile, fromConfigFlag: true })).toBe(
      "'vbem doctor --all --config /etc/vbem/msp.json'",
    );
    expect(doctorAllCommand(profile, ['--timeout', '5s', '--insecure'])).toBe(
      "'vbem doctor --all --timeout 5s --insecure'",
    );
  });
});
