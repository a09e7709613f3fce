# syntax=docker/dockerfile:1.7
# One image recipe for every service: docker build --build-arg SERVICE=registry -t peiyu/registry .
ARG NODE_IMAGE=node:20.20-bookworm-slim

# 1. prune the monorepo to what SERVICE needs (turbo prune keeps its workspace dependencies only)
FROM ${NODE_IMAGE} AS prune
ARG SERVICE
WORKDIR /repo
COPY . .
RUN npx --yes turbo@2.11.9 prune "@peiyu/${SERVICE}" --docker

# 2. install everything and build
FROM ${NODE_IMAGE} AS build
ARG SERVICE
WORKDIR /repo
COPY --from=prune /repo/out/json/ ./
RUN npm ci --no-audit --no-fund
COPY --from=prune /repo/out/full/ ./
COPY tsconfig.base.json ./
COPY tools/tsc-build.mjs ./tools/
RUN npx turbo run build --filter="@peiyu/${SERVICE}..." \
 && npm prune --omit=dev --no-audit --no-fund

# 3. small runtime: production dependencies and compiled output only, non-root
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ENV NODE_ENV=production PEIYU_MODE=production SERVICE=${SERVICE}
WORKDIR /app
COPY --from=build --chown=node:node /repo/node_modules ./node_modules
COPY --from=build --chown=node:node /repo/packages ./packages
COPY --from=build --chown=node:node /repo/services/${SERVICE} ./services/${SERVICE}
COPY --from=build --chown=node:node /repo/package.json ./package.json
USER node
EXPOSE 4000-4099
# Node's options: infra/local/src/node-args.ts (SERVICE_NODE_ARGS) says why; compose.unit.test.ts holds them equal.
CMD ["sh", "-c", "exec node --max-semi-space-size=64 services/${SERVICE}/dist/main.js"]
