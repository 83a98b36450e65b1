/** `linkscope serve`: poller + REST API until SIGINT/SIGTERM; SIGHUP reloads the configuration. */
import { lockDataDirFor, reloadServer, startServer, waitForStopSignal, type Server } from '../app.js';
import type { Config } from '../config/index.js';
import { describeError } from '../model/errors.js';
import { createLogger, logDestination, resolveLogFormat, type Logger } from '../observability/logger.js';
import { CONFIG_OPTION, configFor, EXIT_OK, parse, write, type CommandContext } from './common.js';

export const SERVE_HELP = `Usage: linkscope serve [--config FILE] [--insecure] [--discover CIDR[,CIDR]]

Runs the poller and the REST API (LINKSCOPE_LISTEN, default 127.0.0.1:8080; the live network
map is at /) until SIGINT or SIGTERM; on stop it finishes in-flight polls and flushes or spools every pending sample.
SIGHUP re-reads the configuration: the poll interval, SNMP timeout/retries/maxRepetitions and the
poller's jitter, rediscovery and backoff apply to the next polls; other changed keys are logged as
needing a restart. Only one serve (or demo) may poll from a data dir at a time.
--insecure allows listening beyond loopback without LINKSCOPE_API_TOKEN (a warning is logged).
--discover adds LLDP/CDP neighbours whose management address lies in one of the ranges and that
answer the credentials of the device that saw them (topology.discover; off by default).`;

export async function serveCommand(ctx: CommandContext): Promise<number> {
  const { values } = parse(ctx.argv, { ...CONFIG_OPTION, insecure: { type: 'boolean' }, discover: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, false, 'serve');
  if (values.help === true) {
    write(ctx.stdout, SERVE_HELP);
    return EXIT_OK;
  }
  const warnings: string[] = [];
  // --discover is the highest layer of topology.discover: passed as its variable, so it is validated (and named) the same way.
  const env = values.discover === undefined ? ctx.env : { ...ctx.env, LINKSCOPE_TOPOLOGY_DISCOVER: values.discover };
  const config = configFor(values.config, env, (m) => warnings.push(m));
  const logger = createLogger({ level: config.logLevel, destination: logDestination(resolveLogFormat(config.logFormat, process.stdout.isTTY), 1, false) });
  for (const w of warnings) logger.warn(w);
  const lock = lockDataDirFor(config, 'linkscope serve');
  try {
    const server = await startServer(config, logger, { insecure: values.insecure === true });
    const stopReloading = reloadOnHangup(server, config, () => configFor(values.config, env, (m) => logger.warn(m)), logger);
    await waitForStopSignal(logger);
    stopReloading();
    await server.close();
  } finally {
    lock.release();
  }
  logger.flush();
  return EXIT_OK;
}

/**
 * SIGHUP (as Telegraf and Prometheus users expect): reload the file and environment, apply what a
 * running poller can take, log the rest as needing a restart. A bad file is logged and ignored, so
 * a typo never stops a running poller. Returns the function that removes the handler.
 */
export function reloadOnHangup(server: Server, initial: Config, load: () => Config, logger: Logger): () => void {
  let current = initial;
  const onHangup = (): void => {
    let next: Config;
    try {
      next = load();
    } catch (err) {
      logger.error({ signal: 'SIGHUP', err: describeError(err) }, 'configuration not reloaded: it is invalid; still running with the previous one');
      return;
    }
    const { plan, effective } = reloadServer(server, current, next);
    current = effective;
    logger.info(
      { signal: 'SIGHUP', applied: plan.applied, needRestart: plan.needRestart },
      plan.applied.length === 0 && plan.needRestart.length === 0
        ? 'configuration reloaded: nothing changed'
        : `configuration reloaded: ${plan.applied.length === 0 ? 'nothing applied' : `applied ${plan.applied.join(', ')} to the next polls`}` +
            (plan.needRestart.length === 0 ? '' : `; ${plan.needRestart.join(', ')} changed but take effect only after a restart`),
    );
  };
  process.on('SIGHUP', onHangup);
  return () => process.removeListener('SIGHUP', onHangup);
}
