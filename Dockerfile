# podsecrets: the admission webhook image. Built outside this repository's CI (no Docker engine there):
#   docker build -t ghcr.io/podsecrets/podsecrets:0.1.0 .
# Three stages: compile with dev dependencies, install production dependencies alone, then copy both into a
# distroless Node 24 image (an LTS line .ci/run tests on) that runs as uid 65532 (the Deployment's runAsUser)
# with no shell.

FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json ./
COPY core core
COPY plugins plugins
COPY server server
COPY config config
RUN npx tsc -p . && rm -rf dist/test dist/bench dist/docs

FROM node:24-bookworm-slim AS dependencies
WORKDIR /src
COPY package.json package-lock.json ./
# --omit=dev: no compiler, test framework or schema models in the image.
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts

FROM gcr.io/distroless/nodejs24-debian12:nonroot
WORKDIR /app
ENV NODE_ENV=production
COPY --from=dependencies /src/node_modules node_modules
COPY --from=build /src/dist dist
COPY package.json ./
COPY bin bin
USER 65532:65532
EXPOSE 9443
# The Deployment passes the command as args: `serve --config ...` or `init-certs --config ...`.
ENTRYPOINT ["/nodejs/bin/node", "/app/bin/podsecrets"]
CMD ["help"]
