#!/usr/bin/env bash
# CI step for esprov-firmware: release build for the ESP32-C3, section sizes, image budget.
# Called from the repository's .ci/run; prints one SKIP line where the target cannot be installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
if ! rustup target add riscv32imc-unknown-none-elf >/dev/null 2>&1; then
  echo "SKIP: riscv32imc-unknown-none-elf target cannot be installed here; firmware not built"
  exit 0
fi
src=$here
start=$(date +%s)
(cd "$src" && CARGO_TARGET_DIR="$here/target" cargo build --release)
echo "firmware release build took $(( $(date +%s) - start )) s"
(cd "$src" && CARGO_TARGET_DIR="$here/target" cargo clippy --release -- -D warnings)
"$here/size.sh" "$here/target/riscv32imc-unknown-none-elf/release/esprov-firmware"
