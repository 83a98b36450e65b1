# syntax=docker/dockerfile:1
# linkscope: SNMP poller + REST API. Multi-stage: compile (TypeScript, better-sqlite3) with dev
# tools, then copy only dist/, production node_modules and mibs/ into a slim runtime image.
# docker-compose.yml wires it to InfluxDB and Grafana; see docs/deploy.md.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles from source when no prebuilt binary can be downloaded (offline builds,
# new Node ABI): node-gyp needs python3, make and g++.
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential python3 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY web ./web
COPY mibs ./mibs
# prepare compiles src/ to dist/, mibs/ into dist/mibs-index.json (MIB names in ~20 ms at start-up)
# and bundles the web page (web/, with vite, a devDependency) into dist/web.
COPY scripts/build-mib-index.mjs ./scripts/
RUN npm ci --no-audit --no-fund \
 && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    LINKSCOPE_DATA_DIR=/data \
    LINKSCOPE_SECRET_KEY_FILE=/secrets/secret.key \
    LINKSCOPE_LISTEN=0.0.0.0:8080
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The MIB store finds mibs/ by walking up from dist/src/mib/.
COPY mibs ./mibs
# The key that encrypts SNMP secrets lives on its own volume, outside the data dir, so a copy of
# /data (a backup, a bug report) does not carry the key that opens it. Docker initialises a new
# named volume from the image's directory, so these owners and modes carry over.
RUN mkdir -p /data /secrets \
 && chown node:node /data /secrets \
 && chmod 0700 /secrets
USER node
VOLUME ["/data", "/secrets"]
EXPOSE 8080
# slim has no curl: ask /health (never needs the token) with Node's own fetch, on the port of
# LINKSCOPE_LISTEN. It answers 200 while InfluxDB is down too ("degraded": samples are spooled).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const p=(process.env.LINKSCOPE_LISTEN||'').split(':').pop()||'8080';fetch('http://127.0.0.1:'+p+'/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["serve"]
