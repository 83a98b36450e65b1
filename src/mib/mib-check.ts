/** A small SMI tokeniser that finds the line of a MIB file's first syntax error; pure, no I/O. */

/** One token of a MIB module and the 1-based line it starts on. */
export interface MibToken {
  readonly text: string;
  readonly line: number;
}

/** Where a module is broken: 1-based line and what is wrong there. */
export interface MibSyntaxError {
  readonly line: number;
  readonly message: string;
}

/** Thrown by tokenize for an unterminated string; the caller turns it into a MibSyntaxError. */
class UnterminatedString extends Error {
  constructor(readonly line: number) {
    super('unterminated string');
  }
}

/**
 * Splits SMI text into tokens: words (`ifDescr`, `OBJECT-TYPE`, `1`), `::=`, `..`, single
 * punctuation, and whole "quoted strings". Comments (`--` to the end of the line or the next `--`)
 * are dropped. net-snmp's own parser keeps no usable line numbers, so this is how we name the line.
 */
export function tokenize(text: string): MibToken[] {
  const tokens: MibToken[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
    } else if (c === '-' && text[i + 1] === '-') {
      // A comment ends at the end of the line or at the next "--" (X.208).
      i += 2;
      while (i < n && text[i] !== '\n' && !(text[i] === '-' && text[i + 1] === '-')) i++;
      if (text[i] === '-') i += 2;
    } else if (c === '"') {
      const start = line;
      let j = i + 1;
      while (j < n && text[j] !== '"') {
        if (text[j] === '\n') line++;
        j++;
      }
      if (j >= n) throw new UnterminatedString(start);
      tokens.push({ text: text.slice(i, j + 1), line: start });
      i = j + 1;
    } else if (c === ':' && text.startsWith('::=', i)) {
      tokens.push({ text: '::=', line });
      i += 3;
    } else if (c === '.' && text[i + 1] === '.') {
      tokens.push({ text: '..', line });
      i += 2;
    } else if (/[A-Za-z0-9_'-]/.test(c)) {
      let j = i + 1;
      // Words may hold hyphens (OBJECT-TYPE, IF-MIB) but never "--", which starts a comment.
      while (j < n && /[A-Za-z0-9_'-]/.test(text[j] as string) && !(text[j] === '-' && text[j + 1] === '-')) j++;
      tokens.push({ text: text.slice(i, j), line });
      i = j;
    } else {
      tokens.push({ text: c, line });
      i++;
    }
  }
  return tokens;
}

const OPENERS: Readonly<Record<string, string>> = { '{': '}', '(': ')', '[': ']' };
const CLOSERS: ReadonlySet<string> = new Set(['}', ')', ']']);
const IDENTIFIER = /^[a-zA-Z][\w-]*$/;
const NUMBER = /^\d+$/;
/** A value reference in an OID value (`iso`, `mib-2`, `ifEntry`): ASN.1 value names start lower case. */
const VALUE_NAME = /^[a-z][\w-]*$/;

/** Checks one `{ … }` OID value starting at tokens[start] === '{': `{ parent 1 }`, `{ iso org(3) dod(6) }`. */
function checkOidValue(tokens: readonly MibToken[], start: number): MibSyntaxError | undefined {
  let i = start + 1;
  let components = 0;
  for (;;) {
    const t = tokens[i];
    if (t === undefined) return { line: (tokens[start] as MibToken).line, message: 'OID value "{" is never closed' };
    if (t.text === '}') break;
    if (NUMBER.test(t.text)) {
      i++;
    } else if (VALUE_NAME.test(t.text)) {
      if (tokens[i + 1]?.text === '(') {
        const num = tokens[i + 2];
        const close = tokens[i + 3];
        if (num === undefined || !NUMBER.test(num.text) || close?.text !== ')') {
          return { line: (close ?? num ?? t).line, message: `malformed OID component "${t.text}(" (expected name(number))` };
        }
        i += 4;
      } else {
        i++;
      }
    } else if (t.text === '::=' || t.text === '{' || /^[A-Z][A-Z-]*$/.test(t.text)) {
      // A definition or keyword started: the value opened at `start` was never closed.
      const open = tokens[start] as MibToken;
      return { line: open.line, message: `OID value "{" opened on line ${open.line} is not closed (found "${t.text}" on line ${t.line} before any "}")` };
    } else {
      return { line: t.line, message: `unexpected "${t.text}" in an OID value (expected a name or a number)` };
    }
    components++;
  }
  if (components === 0) return { line: (tokens[start] as MibToken).line, message: 'empty OID value "{ }"' };
  return undefined;
}

/**
 * The first syntax error of a MIB module, or undefined: missing `DEFINITIONS ::= BEGIN` or `END`,
 * an unterminated string, unbalanced or mismatched brackets, a malformed `::= { … }` OID value, or
 * an OBJECT-TYPE without SYNTAX. Not a full SMI grammar: enough to name the line of the usual
 * breakage (a truncated download, a hand edit) before net-snmp's lenient parser mis-compiles it.
 */
export function checkMibSyntax(text: string): MibSyntaxError | undefined {
  let tokens: MibToken[];
  try {
    tokens = tokenize(text);
  } catch (err) {
    if (err instanceof UnterminatedString) return { line: err.line, message: 'string opened here is never closed (missing ")' };
    throw err;
  }
  const head = tokens.findIndex((t) => t.text === 'DEFINITIONS');
  if (head < 1 || tokens[head + 1]?.text !== '::=' || tokens[head + 2]?.text !== 'BEGIN') {
    return { line: tokens[Math.max(head, 0)]?.line ?? 1, message: 'no "<MODULE> DEFINITIONS ::= BEGIN" header; is it a MIB module?' };
  }
  const last = tokens[tokens.length - 1] as MibToken;
  if (last.text !== 'END') return { line: last.line, message: `module does not end with END (last token "${last.text}"); is the file truncated?` };
  const stack: MibToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as MibToken;
    if (OPENERS[t.text] !== undefined) {
      stack.push(t);
      if (t.text === '{' && tokens[i - 1]?.text === '::=') {
        const bad = checkOidValue(tokens, i);
        if (bad !== undefined) return bad;
      }
    } else if (CLOSERS.has(t.text)) {
      const open = stack.pop();
      if (open === undefined) return { line: t.line, message: `"${t.text}" closes nothing` };
      if (OPENERS[open.text] !== t.text) return { line: t.line, message: `"${t.text}" closes "${open.text}" opened on line ${open.line}` };
    } else if (t.text === 'OBJECT-TYPE' && IDENTIFIER.test(tokens[i - 1]?.text ?? '') && tokens[i + 1]?.text !== ',' && tokens[i + 1]?.text !== 'FROM') {
      // An OBJECT-TYPE definition (not the macro's name in IMPORTS): SYNTAX must come before its ::=.
      let j = i + 1;
      while (j < tokens.length && (tokens[j] as MibToken).text !== '::=' && (tokens[j] as MibToken).text !== 'SYNTAX') j++;
      if (tokens[j]?.text !== 'SYNTAX') return { line: t.line, message: `${tokens[i - 1]?.text ?? ''} OBJECT-TYPE has no SYNTAX clause` };
    }
  }
  const open = stack.pop();
  if (open !== undefined) return { line: open.line, message: `"${open.text}" is never closed` };
  return undefined;
}

/** The 1-based line of `FROM module` in the IMPORTS, or undefined. */
export function lineOfImport(text: string, module: string): number | undefined {
  const at = new RegExp(`\\bFROM\\s+${escapeRegExp(module)}\\b`).exec(text);
  return at === null ? undefined : lineAt(text, at.index + at[0].length);
}

/** The 1-based line where `name` is defined (`name OBJECT-TYPE`, `name OBJECT IDENTIFIER ::=`, …), or undefined. */
export function lineOfDefinition(text: string, name: string): number | undefined {
  const at = new RegExp(`^\\s*${escapeRegExp(name)}\\s+(?:OBJECT|MODULE-IDENTITY|NOTIFICATION|TRAP-TYPE|MODULE-COMPLIANCE|AGENT-CAPABILITIES|::=)`, 'm').exec(text);
  return at === null ? undefined : lineAt(text, at.index + (at[0].length - at[0].trimStart().length));
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
