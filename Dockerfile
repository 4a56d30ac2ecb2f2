# Token Guard for container hosts (Azure Container Apps, AKS, any Docker host).
#   docker build -t token-guard .
#   docker run --env-file .env -p 3978:3978 -v token-guard-data:/data token-guard
# Build stage: the TypeScript compiler is a devDependency.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Runtime: production dependencies only, non-root, SQLite data on a volume.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3978 \
    DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3978
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/index.js"]
