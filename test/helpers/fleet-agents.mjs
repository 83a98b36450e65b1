// Simulated devices for the scale-out tests, in their own process so the test's own work (tailing
// logs, querying PostgreSQL and InfluxDB) never delays an agent between two requests of a poll.
// Usage: node fleet-agents.mjs COUNT INTERFACES COMMUNITY — agent i listens on 127.0.<1 + i/200>.<1 + i%200>
// (a free port each), serves syntheticDevice() (counters = rate x time, src/demo/agent/synthetic.ts),
// prints one JSON line [{ host, port }, …] when all listen, and stops on SIGTERM or when stdin closes.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = join(import.meta.dirname, '..', '..', 'dist', 'src', 'demo', 'agent');
const { startAgent } = await import(pathToFileURL(join(dist, 'snmp-agent.js')).href);
const { syntheticDevice } = await import(pathToFileURL(join(dist, 'synthetic.js')).href);

const [count, interfaces, community] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
if (!(count > 0 && count <= 10_000 && interfaces > 0 && typeof community === 'string')) {
  process.stderr.write('usage: fleet-agents.mjs COUNT INTERFACES COMMUNITY\n');
  process.exit(2);
}
const agents = [];
for (let i = 0; i < count; i++) {
  agents.push(await startAgent({ host: `127.0.${1 + Math.floor(i / 200)}.${1 + (i % 200)}`, view: syntheticDevice({ interfaces, sysName: `fleet-${i}` }), community }));
}
process.stdout.write(`${JSON.stringify(agents.map((a) => ({ host: a.host, port: a.port })))}\n`);
const stop = async () => {
  await Promise.all(agents.map((a) => a.close()));
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
