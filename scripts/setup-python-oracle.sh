#!/usr/bin/env bash
# Creates (or re-uses) the pinned Python virtualenv the interop tests use as their oracle:
# flytekit + the five plugins, whylogs, wandb, comet_ml and neptune from PyPI.
# Re-used when its stamp matches the requirement files; set TASKLENS_ORACLE_DIR to move it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${TASKLENS_ORACLE_DIR:-$root/.venv/oracle}"
spec_dir="$root/scripts/python-oracle"
stamp="$(cat "$spec_dir/requirements.txt" "$spec_dir/constraints.txt" | sha256sum | cut -c1-16)"

if [ -f "$venv/.ready" ] && [ "$(cat "$venv/.ready")" = "$stamp" ]; then
  echo "python oracle: re-using $venv"
  exit 0
fi

python_bin="${PYTHON:-python3}"
echo "python oracle: creating $venv with $($python_bin --version)"
rm -rf "$venv"
"$python_bin" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --upgrade pip==24.3.1
"$venv/bin/pip" install --quiet --disable-pip-version-check \
  -r "$spec_dir/requirements.txt" -c "$spec_dir/constraints.txt"
# Fail now, not inside a test, if an import is broken (from an empty directory, so nothing in
# the work tree can shadow a package).
(cd "$(mktemp -d)" && "$venv/bin/python" -c 'import flytekit, flytekitplugins.wandb, flytekitplugins.whylogs, whylogs, wandb, comet_ml, neptune, pandas, pyarrow')
echo "$stamp" > "$venv/.ready"
echo "python oracle: ready at $venv"
