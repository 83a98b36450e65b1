/** `linkscope poll --once`: discover + poll every (or one) device once, write, print a summary. */
import { closeRuntime, createRuntime } from '../app.js';
import type { PollOutcome } from '../poller/poller.js';
import { CONFIG_OPTION, configFor, EXIT_FAILURE, EXIT_OK, parse, quietLogger, table, usageError, warnTo, write, type CommandContext } from './common.js';

export const POLL_HELP = `Usage: linkscope poll --once [--device ID|NAME] [--json] [--config FILE]

Discovers and polls every device (or one) once, writes the samples to InfluxDB (or the spool
when it is down) and prints a summary per device. Samples an earlier run left in the spool are
replayed first, oldest first, for up to 60s; what is left waits for the next run. Counter state
is kept in the data dir, so a second run writes rates (not with database.url: the fleet's counter
state belongs to its pollers, so every run writes counters only). Exit code 0 when every device
answered, 1 otherwise.`;

/** How long one run may spend replaying an earlier backlog, so a cron job never piles up. */
export const POLL_ONCE_REPLAY_BUDGET_MS = 60_000;

export async function pollCommand(ctx: CommandContext): Promise<number> {
  const { values } = parse(ctx.argv, { ...CONFIG_OPTION, once: { type: 'boolean' }, device: { type: 'string', short: 'd' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, false, 'poll');
  if (values.help === true) {
    write(ctx.stdout, POLL_HELP);
    return EXIT_OK;
  }
  if (values.once !== true) throw usageError('poll needs --once (continuous polling is `linkscope serve`)');
  const config = configFor(values.config, ctx.env, warnTo(ctx.stderr));
  // The table and the summary lines below say what a warning would (device down, InfluxDB down).
  const rt = await createRuntime(config, quietLogger(config, ctx.env, 'error'));
  let outcomes: PollOutcome[];
  try {
    const devices = values.device === undefined ? rt.inventory.list() : [rt.inventory.get(values.device)];
    if (devices.length === 0) {
      write(ctx.stderr, 'no devices in the inventory; add one with: linkscope device add HOST --community STR');
      return EXIT_FAILURE;
    }
    outcomes = await Promise.all(devices.map((d) => rt.poller.pollNow(d.id)));
    // Without this, close() only spools: a backlog would never shrink and this run's samples
    // would queue behind it.
    await rt.sink.drain(POLL_ONCE_REPLAY_BUDGET_MS);
  } finally {
    await closeRuntime(rt);
  }
  const sink = rt.sink.status();
  const backlogReplayed = sink.backlogReplayedPoints ?? 0;
  const backlogPending = sink.backlogPendingPoints ?? 0;
  // After close() nothing is left in memory: what is pending sits in the spool.
  const spooledNow = Math.max(0, sink.pendingPoints - backlogPending);
  const report = {
    influx: sink.influx,
    spoolBytes: sink.spoolBytes,
    /** Every point InfluxDB acknowledged in this run: this run's samples and replayed backlog. */
    writtenPoints: sink.writtenPoints,
    samplesWritten: sink.writtenPoints - backlogReplayed,
    samplesSpooled: spooledNow,
    backlogReplayedPoints: backlogReplayed,
    backlogPendingPoints: backlogPending,
    droppedPoints: sink.droppedPoints,
    problems: sink.problems ?? [],
  };
  if (values.json === true) {
    write(ctx.stdout, JSON.stringify({ devices: outcomes, ...report }));
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
    write(ctx.stdout, summaryLines(report, { url: config.influx.url, db: config.influx.db, spoolDir: `${config.dataDir}/spool` }).join('\n'));
  }
  return outcomes.every((o) => o.ok) ? EXIT_OK : EXIT_FAILURE;
}

interface WriteReport {
  readonly influx: 'ok' | 'down';
  readonly spoolBytes: number;
  readonly samplesWritten: number;
  readonly samplesSpooled: number;
  readonly backlogReplayedPoints: number;
  readonly backlogPendingPoints: number;
  readonly droppedPoints: number;
  readonly problems: readonly string[];
}

/** What reached InfluxDB and what waits in the spool, this run's samples and the backlog apart. */
export function summaryLines(r: WriteReport, where: { url: string; db: string; spoolDir: string }): string[] {
  const lines: string[] = [];
  if (r.backlogReplayedPoints > 0 || r.backlogPendingPoints > 0) {
    lines.push(
      `replayed ${r.backlogReplayedPoints} spooled points from earlier runs` +
        (r.backlogPendingPoints > 0 ? `; ${r.backlogPendingPoints} still wait in the spool` : ''),
    );
  }
  lines.push(`wrote ${r.samplesWritten} points to InfluxDB ${where.url} db ${where.db}`);
  if (r.samplesSpooled > 0) {
    const why = r.influx === 'ok' ? 'behind the older spooled samples' : `InfluxDB ${where.url} is unreachable`;
    lines.push(`kept ${r.samplesSpooled} points in the spool (${why}; ${r.spoolBytes} bytes in ${where.spoolDir}), sent by the next run or by serve`);
  }
  if (r.droppedPoints > 0) lines.push(`dropped ${r.droppedPoints} points (see the log)`);
  for (const p of r.problems) lines.push(`problem: ${p}`);
  return lines;
}
