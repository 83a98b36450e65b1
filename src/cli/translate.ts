/** `linkscope translate NAME|OID [...]`: MIB names ↔ numeric OIDs, like snmptranslate. */
import { isNumericOid } from '../snmp/oid.js';
import { CONFIG_OPTION, configFor, EXIT_OK, parse, usageError, warnTo, write, type CommandContext } from './common.js';
import { loadMibs } from './walk.js';

export const TRANSLATE_HELP = `Usage: linkscope translate NAME|OID [NAME|OID ...] [--json] [--config FILE]

Translates both ways with the shipped MIB modules (mibs/) and your own folders (config
mibs.dirs, LINKSCOPE_MIB_DIRS), like snmptranslate:
  linkscope translate IF-MIB::ifDescr         .1.3.6.1.2.1.2.2.1.2
  linkscope translate ifHCInOctets.5          .1.3.6.1.2.1.31.1.1.1.6.5
  linkscope translate 1.3.6.1.2.1.2.2.1.2.5   IF-MIB::ifDescr.5
A name is MODULE::name or a bare name, with an optional numeric instance suffix. An unknown
name fails with LS_MIB_UNKNOWN_NAME (and the nearest known name, when one is close).
--json prints [{input, oid, name, object}] where object (when a module defines it) holds
module, syntax, baseType, displayHint, enumeration, units, access and indexes.`;

export async function translateCommand(ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse(ctx.argv, { ...CONFIG_OPTION, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, true, 'translate');
  if (values.help === true) {
    write(ctx.stdout, TRANSLATE_HELP);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw usageError('translate needs at least one MIB name or numeric OID (linkscope translate --help)');
  const config = configFor(values.config, ctx.env, warnTo(ctx.stderr));
  const mibs = loadMibs(config, ctx.stderr);
  const results = positionals.map((input) => {
    const oid = mibs.oidForName(input); // LS_MIB_UNKNOWN_NAME for an unknown name
    const name = mibs.nameForOid(oid);
    return { input, oid: `.${oid}`, name: name === oid ? `.${oid}` : name, object: mibs.object(oid) };
  });
  if (values.json === true) {
    write(ctx.stdout, JSON.stringify(results.map((r) => ({ input: r.input, oid: r.oid, name: r.name, object: r.object ?? null }))));
  } else {
    // A numeric OID comes back as a name and a name as its numeric OID, as snmptranslate does.
    write(ctx.stdout, results.map((r) => (isNumericOid(r.input.replace(/^\./, '')) ? r.name : r.oid)).join('\n'));
  }
  return EXIT_OK;
}
