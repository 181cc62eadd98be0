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
proto=$here/../../proto/Cargo.toml
# esp-hal makes portable-atomic assume a single core; portable-atomic refuses to be built with
# its `critical-section` feature as well. Until esprov-proto stops selecting that feature, build
# from a scratch copy of the workspace with that one feature removed, and say so.
if grep -q 'portable-atomic = .*"critical-section"' "$proto"; then
  echo "NOTE: esprov-proto selects portable-atomic/critical-section (conflicts with esp-hal);"
  echo "      building the firmware against a scratch copy without that feature"
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  mkdir -p "$scratch/firmware"
  cp "$here/../../Cargo.toml" "$scratch/"
  cp -r "$here/../../proto" "$scratch/proto"
  cp -r "$here/../device" "$scratch/firmware/device"
  mkdir -p "$scratch/firmware/esp32c3"
  (cd "$here" && tar cf - --exclude=./target .) | (cd "$scratch/firmware/esp32c3" && tar xf -)
  sed -i 's/portable-atomic = \(.*\), features = \["critical-section"\] }/portable-atomic = \1 }/' "$scratch/proto/Cargo.toml"
  src=$scratch/firmware/esp32c3
fi
start=$(date +%s)
(cd "$src" && CARGO_TARGET_DIR="$here/target" cargo build --release)
echo "firmware release build took $(( $(date +%s) - start )) s"
(cd "$src" && CARGO_TARGET_DIR="$here/target" cargo clippy --release -- -D warnings)
"$here/size.sh" "$here/target/riscv32imc-unknown-none-elf/release/esprov-firmware"
