/** Unit tests for the MIB pre-check: the line of a module's first syntax error. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMibSyntax, lineOfDefinition, lineOfImport, tokenize } from './mib-check.js';
import { defaultMibDir } from './mib-store.js';

const mib = (...body: string[]): string => ['TEST-MIB DEFINITIONS ::= BEGIN', 'IMPORTS enterprises, OBJECT-TYPE FROM SNMPv2-SMI;', ...body, 'END', ''].join('\n');

describe('checkMibSyntax', () => {
  it('passes every shipped module', () => {
    for (const f of readdirSync(defaultMibDir()).filter((n) => n.endsWith('.mib'))) {
      expect(checkMibSyntax(readFileSync(join(defaultMibDir(), f), 'utf8')), f).toBeUndefined();
    }
  });

  it('names the line of each kind of breakage', () => {
    expect(checkMibSyntax(mib('a OBJECT IDENTIFIER ::= { enterprises 1 }', 'b OBJECT IDENTIFIER ::= { a x(2 }'))).toMatchObject({ line: 4, message: expect.stringContaining('x(') as unknown });
    expect(checkMibSyntax(mib('a OBJECT IDENTIFIER ::= { enterprises 1 }', '', 'b OBJECT-TYPE', '  MAX-ACCESS read-only', '  ::= { a 1 }'))).toMatchObject({ line: 5, message: expect.stringContaining('no SYNTAX') as unknown });
    expect(checkMibSyntax(mib('a OBJECT IDENTIFIER ::= { enterprises 1 }', 'b OBJECT-TYPE SYNTAX INTEGER { up(1), down(2) ', '  DESCRIPTION "x"', '  ::= { a 1 }'))).toMatchObject({ line: 4 });
    expect(checkMibSyntax(mib('a OBJECT IDENTIFIER ::= { enterprises 1 }', 'b OBJECT-TYPE DESCRIPTION "never', 'closed'))).toMatchObject({ line: 4, message: expect.stringContaining('never closed') as unknown });
    expect(checkMibSyntax(mib('a OBJECT IDENTIFIER ::= { enterprises 1 })'))).toMatchObject({ line: 3, message: expect.stringContaining('closes') as unknown });
    expect(checkMibSyntax(['TEST-MIB DEFINITIONS ::= BEGIN', 'a OBJECT IDENTIFIER ::= { iso 1 }', ''].join('\n'))).toMatchObject({ line: 2, message: expect.stringContaining('END') as unknown });
    expect(checkMibSyntax(mib('a OBJECT IDENTIFIER ::= { enterprises 1 }', 'b OBJECT IDENTIFIER ::= { a 2'))).toMatchObject({ line: 4, message: expect.stringContaining('found "END" on line 5') as unknown });
    expect(checkMibSyntax('hello\nworld\n')).toMatchObject({ line: 1 });
    expect(checkMibSyntax(mib('a OBJECT IDENTIFIER ::= { enterprises 1 } -- a comment with ( and {', 'b OBJECT IDENTIFIER ::= { a 2 }'))).toBeUndefined();
  });

  it('tokenises comments, strings, ranges and hex strings', () => {
    expect(tokenize('a -- c1 -- b\n"x\ny" 1..10 \'0F\'H').map((t) => [t.text, t.line])).toEqual([
      ['a', 1],
      ['b', 1],
      ['"x\ny"', 2],
      ['1', 3],
      ['..', 3],
      ['10', 3],
      ["'0F'H", 3],
    ]);
  });

  it('finds the lines of an import and a definition', () => {
    const text = mib('', 'foo OBJECT IDENTIFIER ::= { enterprises 1 }');
    expect(lineOfImport(text, 'SNMPv2-SMI')).toBe(2);
    expect(lineOfDefinition(text, 'foo')).toBe(4);
    expect(lineOfDefinition(text, 'bar')).toBeUndefined();
  });
});
