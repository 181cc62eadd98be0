#!/usr/bin/env bash
# Prints the app image size (what espflash writes: allocated PROGBITS sections), static DRAM
# (.data + .bss, the static heap included) and IRAM code of a firmware ELF, for the ESP32-C3
# and ESP32-C6 alike (sections are classified by name), and fails over the budgets.
# Usage: size.sh ELF [IMAGE_BUDGET_BYTES] [DRAM_BUDGET_BYTES]
set -euo pipefail
elf=$1
image_budget=${2:-1200000}
dram_budget=${3:-240000}
image=0 dram=0 iram=0
while read -r name type _addr _off size _es flags _rest; do
  [[ $flags == *A* ]] || continue
  size=$((16#$size))
  [[ $type == PROGBITS ]] && image=$((image + size))
  case $name in
    .stack | .dram2_uninit | *_dummy) ;;
    .trap* | .rwtext* | .iram*) iram=$((iram + size)) ;;
    .data* | .bss* | .noinit*) dram=$((dram + size)) ;;
  esac
done < <(readelf -SW "$elf" | sed -n 's/^ *\[ *[0-9]*\] *//p' | grep -v '^NULL')
echo "app image: $image bytes (budget $image_budget)"
echo "static DRAM: $dram bytes (.data + .bss, the 96 KiB static heap included; budget $dram_budget)"
echo "IRAM code: $iram bytes"
fail=0
if ((image > image_budget)); then echo "FAIL: app image over budget"; fail=1; fi
if ((dram > dram_budget)); then echo "FAIL: static DRAM over budget"; fail=1; fi
exit $fail
