#!/usr/bin/env bash
# Prints the sections of the firmware ELF, the app image size (what espflash writes: allocated
# PROGBITS sections) and static RAM (initialised + zeroed data, heap included, and IRAM code),
# and fails when the image exceeds the budget. Usage: size.sh ELF [LIMIT_BYTES]
set -euo pipefail
elf=$1
limit=${2:-1200000}
if command -v size >/dev/null; then size -A "$elf" | grep -v -E '^\.debug|^\.comment|^Total'; fi
image=0 dram=0 iram=0
while read -r name type addr _off size _es flags _rest; do
  [[ $flags == *A* ]] || continue
  addr=$((16#$addr)) size=$((16#$size))
  ((addr != 0)) || continue
  [[ $type == PROGBITS ]] && image=$((image + size))
  if ((addr >= 0x3FC80000 && addr < 0x3FD00000)) && [[ $name != .stack && $name != .dram2_uninit && $name != *_dummy ]]; then
    dram=$((dram + size))
  fi
  ((addr >= 0x40380000 && addr < 0x403E0000)) && iram=$((iram + size))
done < <(readelf -SW "$elf" | sed -n 's/^ *\[ *[0-9]*\] *//p' | grep -v '^NULL')
echo "app image: $image bytes (budget $limit)"
echo "static RAM: $dram bytes DRAM (.data + .bss, heap included) + $iram bytes IRAM code"
if ((image > limit)); then echo "FAIL: app image over budget"; exit 1; fi
