# syntax=docker/dockerfile:1
# ScanDeck's production image: Next's standalone output (the server and only the node_modules it
# uses) on Node 20, run as an unprivileged user. Nothing secret is built in: every credential comes
# from the environment or mounted files at run time (README, "Running in production").
#
#   docker build -t scandeck .                      the console (final stage)
#   docker build --target simulator -t scandeck-sim .   the vendor simulator, for the compose demo

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary fits the platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npx next build

# The vendor simulator (Director, SCIs, HSS, IAM) for the compose demo; never part of a deployment.
FROM deps AS simulator
COPY tsconfig.json ./
COPY simulator ./simulator
USER node
EXPOSE 4010
CMD ["npm", "run", "simulator", "--", "--host", "0.0.0.0", "--port", "4010"]

FROM ${NODE_IMAGE} AS runner
WORKDIR /app
# MALLOC_MMAP_THRESHOLD_: glibc gives each allocation of 64 KiB or more its own mapping, returned on
# free. A Director list of 100,000 users arrives as ~700 socket reads of 64 KiB; held in malloc's heap
# they left ~55 MiB resident after the list was read (README, "Benchmarks").
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    SCANDECK_DATA_DIR=/data \
    MALLOC_MMAP_THRESHOLD_=65536
# The app's files belong to root and are only readable by the user it runs as; /data (the embedded
# SQLite stores, when neither REDIS_URL nor DATABASE_URL is set) is the one place it writes.
RUN groupadd --system --gid 1001 scandeck \
  && useradd --system --uid 1001 --gid scandeck --no-create-home --shell /usr/sbin/nologin scandeck \
  && mkdir /data && chown scandeck:scandeck /data
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
USER scandeck
EXPOSE 3000
VOLUME ["/data"]
# Liveness only (the process answers); readiness, which checks the stores, is /api/health/ready.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
