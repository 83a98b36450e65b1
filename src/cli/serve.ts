/** `linkscope serve`: poller + REST API until SIGINT/SIGTERM. */
import { startServer, waitForStopSignal } from '../app.js';
import { createLogger } from '../observability/logger.js';
import { CONFIG_OPTION, configFor, EXIT_OK, parse, write, type CommandContext } from './common.js';

export const SERVE_HELP = `Usage: linkscope serve [--config FILE] [--insecure]

Runs the poller and the REST API (LINKSCOPE_LISTEN, default 127.0.0.1:8080) until SIGINT or
SIGTERM; on stop it finishes in-flight polls and flushes or spools every pending sample.
--insecure allows listening beyond loopback without LINKSCOPE_API_TOKEN (a warning is logged).`;

export async function serveCommand(ctx: CommandContext): Promise<number> {
  const { values } = parse(ctx.argv, { ...CONFIG_OPTION, insecure: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, false, 'serve');
  if (values.help === true) {
    write(ctx.stdout, SERVE_HELP);
    return EXIT_OK;
  }
  const config = configFor(values.config, ctx.env);
  const logger = createLogger({ level: config.logLevel });
  const server = await startServer(config, logger, { insecure: values.insecure === true });
  await waitForStopSignal(logger);
  await server.close();
  logger.flush();
  return EXIT_OK;
}
