#!/usr/bin/env bash
# CI step for the esprov firmware: for each chip (ESP32-C3, ESP32-C6) a release build of every
# example, clippy, and each image's size and static RAM checked against the chip's budget.
# Called from the repository's .ci/run; prints one SKIP line where a target cannot be installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
export CARGO_TARGET_DIR="$here/target"
examples=(ble softap ble_softap console)

# chip TARGET IMAGE_BUDGET DRAM_BUDGET CARGO_ARGS...
chip() {
  local name=$1 target=$2 image_budget=$3 dram_budget=$4
  shift 4
  if ! rustup target add "$target" >/dev/null 2>&1; then
    echo "SKIP: $target cannot be installed here; $name firmware not built"
    return
  fi
  local start
  start=$(date +%s)
  for example in "${examples[@]}"; do
    cargo build --release --target "$target" -p "esprov-example-$example" "$@"
  done
  echo "$name: release build of ${#examples[@]} examples took $(($(date +%s) - start)) s"
  cargo clippy --target "$target" --workspace "$@" -- -D warnings
  for example in "${examples[@]}"; do
    echo "--- $name / $example"
    "$here/size.sh" "target/$target/release/$example" "$image_budget" "$dram_budget"
  done
}

chip ESP32-C3 riscv32imc-unknown-none-elf 1200000 240000 --features=esp32c3
chip ESP32-C6 riscv32imac-unknown-none-elf 1400000 240000 --no-default-features --features=esp32c6
