#!/usr/bin/env bash
# Builds the MinIO server the S3 interop tests start on 127.0.0.1 (Go module proxy; no Docker).
# Re-used when present. Output: $TASKLENS_MINIO_BINARY or <repo>/.venv/minio/bin/minio.
# Takes ~7 minutes on 2 cores with an empty Go module cache.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
binary="${TASKLENS_MINIO_BINARY:-$root/.venv/minio/bin/minio}"
version="v0.0.0-20260212201848-7aac2a2c5b7c"
if [ -x "$binary" ]; then
  echo "minio: re-using $binary"
  exit 0
fi
mkdir -p "$(dirname "$binary")"
echo "minio: building github.com/minio/minio@$version into $(dirname "$binary")"
(cd "$(mktemp -d)" && GOBIN="$(dirname "$binary")" GOFLAGS=-mod=mod go install "github.com/minio/minio@$version")
if [ "$(dirname "$binary")/minio" != "$binary" ]; then mv "$(dirname "$binary")/minio" "$binary"; fi
echo "minio: ready at $binary"
