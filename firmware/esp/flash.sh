#!/usr/bin/env sh
# cargo's runner for both chips: flash the ELF with this workspace's partition table (the app
# slot is 3 MB; the table also holds the credential store and the factory-data partition),
# then monitor the console. espflash detects the chip.
here=$(cd "$(dirname "$0")" && pwd)
exec espflash flash --monitor --partition-table "$here/partitions.csv" "$@"
