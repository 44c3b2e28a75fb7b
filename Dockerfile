# syntax=docker/dockerfile:1
# The Kiva Sheets server with the built task pane inside (docs/deploy.md, "Container").
#
#   docker build -t kiva-sheets .
#   docker compose up -d            # with Caddy in front, certificates included (compose.yaml)
#
# The image runs the package exactly as `npm install -g` installs it from `npm pack`: the same files a partner
# installs by hand, the same npm-shrinkwrap.json. It listens on 0.0.0.0:3000, so it needs Entra mode
# (KIVA_SHEETS_ENTRA_TENANT_ID): local mode refuses any address but 127.0.0.1, which no one outside the container reaches.

# Node 24 (Active LTS "Krypton", supported until April 2028) on Debian 13 (trixie), slim variant.
ARG NODE_IMAGE=node:24-trixie-slim

FROM ${NODE_IMAGE} AS build
# better-sqlite3 downloads a prebuilt addon; when it cannot, it compiles one and needs these (build stage only).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# prepack builds the task pane (webpack → dist/), the server and CLI bundles (esbuild → lib/) and the shrinkwrap.
RUN npm pack --pack-destination /tmp/package \
 && npm install --global --prefix /opt/kiva-sheets --no-audit --no-fund /tmp/package/kiva-sheets-*.tgz

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    PATH=/opt/kiva-sheets/bin:$PATH \
    KIVA_SHEETS_HOST=0.0.0.0 \
    PORT=3000 \
    KIVA_SHEETS_DB=/data/kiva-sheets.sqlite \
    KIVA_SHEETS_CONFIG=/run/secrets/kiva-sheets.json
COPY --from=build /opt/kiva-sheets /opt/kiva-sheets
# The audit log, the duplicate guard and the add-in's identity (deployment.json) live here: keep it on a volume.
RUN mkdir -p /data && chown 1000:1000 /data && chmod 700 /data
VOLUME ["/data"]
# 1000 is the base image's unprivileged `node` user, given by number so that "run as non-root" can be verified.
USER 1000:1000
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["kiva-sheets-server", "--health-check"]
ENTRYPOINT ["kiva-sheets-server"]
