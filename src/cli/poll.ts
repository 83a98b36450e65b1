/** `linkscope poll --once`: discover + poll every (or one) device once, write, print a summary. */
import { closeRuntime, createRuntime } from '../app.js';
import type { PollOutcome } from '../poller/poller.js';
import { CONFIG_OPTION, configFor, EXIT_FAILURE, EXIT_OK, parse, quietLogger, table, usageError, write, type CommandContext } from './common.js';

export const POLL_HELP = `Usage: linkscope poll --once [--device ID|NAME] [--json] [--config FILE]

Discovers and polls every device (or one) once, writes the samples to InfluxDB (or the spool
when it is down) and prints a summary per device. Counter state is kept in the data dir, so a
second run writes rates. Exit code 0 when every device answered, 1 otherwise.`;

export async function pollCommand(ctx: CommandContext): Promise<number> {
  const { values } = parse(ctx.argv, { ...CONFIG_OPTION, once: { type: 'boolean' }, device: { type: 'string', short: 'd' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, false);
  if (values.help === true) {
    write(ctx.stdout, POLL_HELP);
    return EXIT_OK;
  }
  if (values.once !== true) throw usageError('poll needs --once (continuous polling is `linkscope serve`)');
  const config = configFor(values.config, ctx.env);
  const rt = createRuntime(config, quietLogger(config, ctx.env));
  let outcomes: PollOutcome[];
  try {
    const devices = values.device === undefined ? rt.inventory.list() : [rt.inventory.get(values.device)];
    if (devices.length === 0) {
      write(ctx.stderr, 'no devices in the inventory; add one with: linkscope device add HOST --community STR');
      return EXIT_FAILURE;
    }
    outcomes = await Promise.all(devices.map((d) => rt.poller.pollNow(d.id)));
  } finally {
    await closeRuntime(rt);
  }
  const sink = rt.sink.status();
  if (values.json === true) {
    write(ctx.stdout, JSON.stringify({ devices: outcomes, influx: sink.influx, spoolBytes: sink.spoolBytes, writtenPoints: sink.writtenPoints }));
  } else {
    const rows = outcomes.map((o) => [
      o.device,
      o.status,
      o.ok ? String(o.interfaces) : '-',
      o.ok ? String(o.ratesWritten) : '-',
      o.ok ? String(o.points) : '-',
      `${Math.round(o.pollMs)}ms`,
      o.error === null ? (o.discontinuities > 0 ? `${o.discontinuities} discontinuities (no rate written for them)` : '') : `${o.error.message} [${o.error.code}]`,
    ]);
    write(ctx.stdout, table(['DEVICE', 'STATUS', 'INTERFACES', 'WITH RATES', 'POINTS', 'TIME', 'NOTE'], rows));
    write(
      ctx.stdout,
      sink.influx === 'ok'
        ? `wrote ${sink.writtenPoints} points to InfluxDB ${config.influx.url} db ${config.influx.db}`
        : `InfluxDB ${config.influx.url} is unreachable: samples kept in the spool (${sink.spoolBytes} bytes in ${config.dataDir}/spool), sent when it is back`,
    );
  }
  return outcomes.every((o) => o.ok) ? EXIT_OK : EXIT_FAILURE;
}
