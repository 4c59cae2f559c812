# Steward's image: one image for the gateway, the four subgraphs and the migration step; the
# command chooses which (docker-compose.yml, deploy/). Node 24 runs the .ts sources directly
# (type stripping), so the only build step is the console's (a Vite build, in its own stage):
# the image holds the sources, the console's built files and the production dependencies only.

FROM node:24-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# Production dependencies only (argon2 ships prebuilt binaries for linux-x64 and arm64: no compiler).
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24-slim AS console
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY gateway/console ./gateway/console
RUN node gateway/console/build.ts

FROM node:24-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json ./
COPY platform ./platform
COPY contracts ./contracts
COPY gateway ./gateway
COPY --from=console /app/gateway/console/dist ./gateway/console/dist
COPY subgraphs ./subgraphs
COPY schema ./schema
COPY scripts ./scripts
# Export archives (lifecycle's STEWARD_BLOB_DIR), owned by the user the processes run as.
RUN mkdir -p /var/lib/steward/blobs && chown -R node:node /var/lib/steward
USER node
EXPOSE 4000
# /healthz on the process's own PORT: alive (readiness is /readyz, for orchestrators).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 CMD ["node", "scripts/healthcheck.ts"]
CMD ["node", "gateway/src/main.ts"]
