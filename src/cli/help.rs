//! The words `esprov --help` is written in: one heading per idea, and the EXAMPLES section of
//! every command. New flags go under one of these headings.

/// Where the device is: `--device`, `--mdns`, `--qr`.
pub const DEVICE: &str = "Device";
/// The security scheme and its secrets.
pub const SECURITY: &str = "Security";
/// The network the device should join.
pub const WIFI: &str = "Wi-Fi";
/// Heading of Thread flags (network_provisioning devices).
pub const THREAD: &str = "Thread";
/// Reaching the device over Bluetooth LE.
pub const BLE: &str = "BLE";
/// Reaching the device's console over a serial port.
pub const SERIAL: &str = "Serial";
/// What is printed, and how.
pub const OUTPUT: &str = "Output";
/// How long esprov waits.
pub const TIMING: &str = "Timing";
/// What `send` sends.
pub const PAYLOAD: &str = "Payload";
/// What `check` runs and reports.
pub const CHECK_SUITE: &str = "Check";
/// `batch`'s manifest, report and pace.
pub const BATCH: &str = "Batch";
/// What `esp-prov` does besides provisioning: custom data, reset, reprov.
pub const ACTIONS: &str = "Actions";
/// `factory-data`'s devices and outputs.
pub const FACTORY: &str = "Factory data";

/// The exit-code table shown under `esprov --help`; README.md repeats it.
pub const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  failure (local I/O, internal error)
  2  usage: bad arguments, or a missing secret with no terminal to ask on
  3  device unreachable, or the connection was lost
  4  security: wrong PoP, username or password, or a device offering less security than
     the credentials demand (refused before any Wi-Fi secret is sent)
  5  the device rejected the request, or sent an answer larger than any protocomm answer
  6  credentials refused: Wi-Fi authentication error, or a Thread dataset the device cannot use
  7  network not found: Wi-Fi access point, or Thread network
  8  timeout
  9  not supported by the device
 10  batch: failure reasons tie
 11  batch: devices left unfinished (interrupted; --resume continues)
 12  check: at least one check failed

Secrets (PoP, sec2 password, passphrase, Thread dataset) may come from the flag, a --*-file (PATH
or - for stdin), or ESPROV_POP / ESPROV_PASSWORD / ESPROV_PASSPHRASE / ESPROV_DATASET; otherwise esprov asks on the
terminal, and without one it fails with exit code 2.";

/// `esprov --help`.
pub const TOP: &str = "\
Examples:
  esprov provision --sim --ssid demo --passphrase secret123     try it with no hardware
  esprov discover                                                devices on the LAN and over BLE
  esprov provision --ble PROV_261FCC --ssid home                 asks for the passphrase
  esprov provision --qr \"$(cat qr.json)\" --ssid home
  esprov status --device 192.168.4.1
  esprov help provision                                          more about one command";

/// `esprov provision --help`.
pub const PROVISION: &str = "\
Examples:
  esprov provision --sim --ssid demo --passphrase secret123
  esprov provision --device 192.168.4.1 --ssid home --passphrase-file pass.txt
  esprov provision --ble PROV_261FCC --sec 1 --pop abcd1234 --ssid home
  esprov provision --serial /dev/ttyUSB0 --ssid home --json
  esprov provision --ble PROV_261FCC          on a terminal: scan, then pick a network from a list";

/// `esprov info --help`.
pub const INFO: &str = "\
Examples:
  esprov info                                  the device on its SoftAP (192.168.4.1)
  esprov info --ble PROV_261FCC
  esprov info --mdns my-device --json";

/// `esprov status --help`.
pub const STATUS: &str = "\
Examples:
  esprov status --device 192.168.4.1
  esprov status --ble PROV_261FCC --username wifiprov --password-file pw.txt --json";

/// `esprov scan --help`.
pub const SCAN: &str = "\
Examples:
  esprov scan --device 192.168.4.1
  esprov scan --ble PROV_261FCC --json | jq -r '.aps[].ssid'";

/// `esprov reset --help`.
pub const RESET: &str = "\
Examples:
  esprov reset --device 192.168.4.1          after a failed attempt (wrong passphrase, no AP)
  esprov provision --device 192.168.4.1 --ssid home";

/// `esprov reprov --help`.
pub const REPROV: &str = "\
Examples:
  esprov reprov --device 192.168.4.1         the device is connected and should take new credentials
  esprov provision --device 192.168.4.1 --ssid office";

/// `esprov send --help`.
pub const SEND: &str = "\
Examples:
  esprov send custom-data --data 'hello' --device 192.168.4.1
  esprov send custom-data --hex 'de:ad:be:ef' --ble PROV_261FCC
  cat config.bin | esprov send custom-config --file - --json";

/// `esprov check --help`.
pub const CHECK: &str = "\
Examples:
  esprov check --list                          every check id, group and description
  esprov check --device 192.168.4.1 --pop abcd1234 --ssid MyAP --passphrase-file ap.txt
  esprov check --serial /dev/ttyUSB0 --username wifiprov --ssid MyAP --destructive --junit report.xml
  esprov check --device 127.0.0.1:8080 --only session,scan --skip session.sec2-patch --json

Exit code 0 when no check failed (skips do not fail), 12 when at least one did.";

/// `esprov discover --help`.
pub const DISCOVER: &str = "\
Examples:
  esprov discover                              mDNS and BLE for 3 seconds
  esprov discover --mdns --mdns-interface eth0 --timeout 5
  esprov discover --ble --json";

/// `esprov sec2-creds --help`.
pub const SEC2_CREDS: &str = "\
Examples:
  esprov sec2-creds --username wifiprov --password-file pw.txt
  esprov sec2-creds --username wifiprov --format rust > src/sec2.rs";

/// `esprov qr --help`.
pub const QR: &str = "\
Examples:
  esprov qr --name PROV_261FCC --transport ble --sec 1 --pop abcd1234
  esprov qr --name PROV_261FCC --password softap-pass --json
  esprov qr --qr '{\"ver\":\"v1\",\"name\":\"PROV_261FCC\",\"transport\":\"ble\"}'";

/// `esprov batch --help`.
pub const BATCH_EXAMPLES: &str = "\
Examples:
  esprov batch devices.csv --concurrency 16 --report line3.jsonl
  esprov batch devices.csv --check                     validate and show the plan; contacts nothing
  esprov batch devices.csv --report line3.jsonl --resume
  esprov batch devices.jsonl --json | jq -c 'select(.event == \"summary\")'";

/// `esprov sim --help`.
pub const SIM: &str = "\
Examples:
  esprov sim                                   one device on a free loopback port
  esprov sim --count 8 --port 8400             eight devices on ports 8400-8407
  esprov sim --sec 1 --pop abcd1234 --ap Home:secret123   security 1, one access point
  esprov sim --network thread --json           a Thread device, ready line as JSON
  esprov sim --fault accept-any-pop            a faulty device, for `esprov check`
  esprov sim --transport console --tty /tmp/ttyV0";

/// `esprov completions --help`.
pub const COMPLETIONS: &str = "\
Examples:
  esprov completions bash > ~/.local/share/bash-completion/completions/esprov
  esprov completions zsh > ~/.zfunc/_esprov
  esprov completions fish > ~/.config/fish/completions/esprov.fish";

/// `esprov esp-prov --help`.
pub const ESP_PROV: &str = "\
Examples:
  esprov esp-prov --transport softap --sec_ver 1 --pop abcd1234 --ssid home --passphrase secret
  esprov esp-prov --transport ble --service_name PROV_261FCC --sec_ver 2 --sec2_username wifiprov
  esprov esp-prov --transport httpd --service_name 127.0.0.1:8080 --sec_ver 0 --reset
  esprov esp-prov --transport softap --sec_ver 2 --sec2_gen_cred --sec2_username wifiprov";

/// `esprov man --help`.
pub const MAN: &str = "\
Examples:
  esprov man --out-dir man/
  man -l man/esprov-provision.1";

/// `esprov factory-data --help`.
pub const FACTORY_DATA_EXAMPLES: &str = "\
Examples:
  esprov factory-data --count 50 --ssid FactoryAP --out run-01
  esprov factory-data --serials serials.txt --sec 1 --transport softap --ssid FactoryAP --out run-02
  espflash write-bin 0x314000 run-01/PROV_1A2B3C.bin
  ESPROV_PASSPHRASE=... esprov batch run-01/manifest.csv";
