#!/usr/bin/env bash
# Builds interop/go/bin/fixed-length-id: Flyte's FixedLengthUniqueIDForParts from
# github.com/flyteorg/flyteplugins v1.0.67 (fetched through the Go module proxy, pinned by go.sum),
# which interop/ids.test.ts compares fixedLengthUniqueId against. Needs Go ≥ 1.21.
set -euo pipefail
cd "$(dirname "$0")"
go build -mod=readonly -o bin/fixed-length-id .
