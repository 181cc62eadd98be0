# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_esprov_global_optspecs
    string join \n v/verbose q/quiet color= h/help V/version
end

function __fish_esprov_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_esprov_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_esprov_using_subcommand
    set -l cmd (__fish_esprov_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c esprov -n "__fish_esprov_needs_command" -l color -d 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`' -r -f -a "auto\t'Colour a stream only when it is a terminal and `NO_COLOR` is unset or empty'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c esprov -n "__fish_esprov_needs_command" -s v -l verbose -d 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
complete -c esprov -n "__fish_esprov_needs_command" -s q -l quiet -d 'No progress lines or spinners on stderr; results and errors still print'
complete -c esprov -n "__fish_esprov_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esprov -n "__fish_esprov_needs_command" -s V -l version -d 'Print version'
complete -c esprov -n "__fish_esprov_needs_command" -f -a "provision" -d 'Send Wi-Fi credentials to a device, apply them and wait until it joins the network'
complete -c esprov -n "__fish_esprov_needs_command" -f -a "info" -d 'Show the device\'s protocol version, capabilities and the security it wants'
complete -c esprov -n "__fish_esprov_needs_command" -f -a "status" -d 'Open a session and show the device\'s Wi-Fi (or Thread) connection state'
complete -c esprov -n "__fish_esprov_needs_command" -f -a "scan" -d 'Ask the device to scan for access points (or Thread networks) and list them'
complete -c esprov -n "__fish_esprov_needs_command" -f -a "reset" -d 'After a failed attempt, make the device accept new credentials (prov-ctrl reset)'
complete -c esprov -n "__fish_esprov_needs_command" -f -a "reprov" -d 'After a success, make the device take new credentials (prov-ctrl reprov)'
complete -c esprov -n "__fish_esprov_needs_command" -f -a "send" -d 'Send bytes to a custom endpoint, encrypted like any other, and print the answer'
complete -c esprov -n "__fish_esprov_needs_command" -f -a "check" -d 'Run the conformance suite against a device: pass, fail or skip per check (JUnit with --junit)'
complete -c esprov -n "__fish_esprov_needs_command" -f -a "discover" -d 'Find provisioning devices on the local network (mDNS) and over BLE'
complete -c esprov -n "__fish_esprov_needs_command" -f -a "sec2-creds" -d 'Generate a security 2 salt and verifier for firmware'
complete -c esprov -n "__fish_esprov_needs_command" -f -a "qr" -d 'Print a device\'s QR payload as a terminal QR code and as JSON'
complete -c esprov -n "__fish_esprov_needs_command" -f -a "batch" -d 'Provision every device of a manifest (CSV or JSON Lines), with a durable report'
complete -c esprov -n "__fish_esprov_needs_command" -f -a "factory-data" -d 'Generate per-device credentials: partition images, label QR payloads and a batch manifest'
complete -c esprov -n "__fish_esprov_needs_command" -f -a "sim" -d 'Run one or more virtual ESP32 devices (HTTP, mDNS, console) for tests and demos'
complete -c esprov -n "__fish_esprov_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c esprov -n "__fish_esprov_needs_command" -f -a "esp-prov" -d 'Run with esp_prov.py\'s options, so existing scripts work unchanged (our exit codes)'
complete -c esprov -n "__fish_esprov_needs_command" -f -a "man" -d 'Write a man page for esprov and each of its commands'
complete -c esprov -n "__fish_esprov_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l ssid -d 'SSID of the access point the device should join; on a terminal, omit it to pick from a scan' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l passphrase -d 'Passphrase of the access point (empty for an open network); or ESPROV_PASSPHRASE' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l passphrase-file -d 'Read the passphrase from a file, or from stdin with `-`' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l bssid -d 'Send this access point BSSID (aa:bb:cc:dd:ee:ff) in SetConfig; ESP-IDF\'s managers ignore it' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l channel -d 'Send this channel hint in SetConfig; ESP-IDF\'s managers ignore it' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l dataset-tlvs -d 'The dataset as hex TLVs (`ot-ctl dataset active -x`); it holds the network key, so prefer --dataset-file or ESPROV_DATASET' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l dataset-file -d 'Read the dataset hex from a file, or from stdin with `-`' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l device -d 'HTTP address of the device (default 192.168.4.1, port 80: join its SoftAP first)' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l mdns -d 'Find the device by its mDNS service instance name' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l mdns-interface -d 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l qr -d 'A device\'s QR payload: fills name, PoP, username and transport' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l ble -d 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l ble-prefix -d 'Name prefix that marks provisioning devices in BLE scans [default: PROV_]' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l service-uuid -d 'The provisioning GATT service UUID, for devices with a custom one' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l adapter -d 'Bluetooth adapter to use (e.g. hci0); the first one by default' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l ble-retries -d 'Retry a failed BLE connect or GATT discovery this many times [default: 0]' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l serial -d 'Reach the device\'s console over a serial port or PTY (e.g. /dev/ttyUSB0)' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l baud -d 'Serial baud rate [default: 115200]' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l line-limit -d 'Refuse requests whose console line, CR included, would exceed this many bytes (stock ESP-IDF: 255, i.e. 254 characters and the CR)' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l sec -d 'Security scheme. `auto` follows the device\'s proto-ver but never goes below what your credentials ask for (--pop: 1 with PoP or 2; --username/--password: 2), and sends Wi-Fi credentials over security 0 only when you pass `--sec 0` yourself' -r -f -a "auto\t'Decide from the device\'s proto-ver'
0\t'No security: everything, the Wi-Fi passphrase included, travels in clear'
1\t'X25519 + PoP + AES-CTR'
2\t'SRP6a + AES-GCM'"
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l pop -d 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l pop-file -d 'Read the PoP from a file, or from stdin with `-`' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l username -d 'Security 2 SRP username' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l password -d 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l password-file -d 'Read the SRP password from a file, or from stdin with `-`' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l sec2-salt-mode -d 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not' -r -f -a "full\t'Hash the full digest (ESP-IDF\'s generator, Android)'
strip\t'Strip leading zero bytes (verifiers printed by esp_prov --sec2_gen_cred)'
auto\t'Full, then one retry with strip if the device refuses the proof'"
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l timeout -d 'Bound on the whole run, in seconds' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l request-timeout -d 'Bound on each request and its answer, in seconds (HTTP, BLE and console alike)' -r
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l color -d 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`' -r -f -a "auto\t'Colour a stream only when it is a terminal and `NO_COLOR` is unset or empty'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l reset-board -d 'Reset the board into its app first (RTS pulse, DTR released); without it the port opens with both lines released, so a dev board keeps running'
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l console-manual -d 'Relay console lines by hand: print each request, paste the device\'s answer'
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l thread -d 'Attach to Thread even on a device that also offers Wi-Fi (without a dataset: pick from the device\'s Thread scan and type the network key)'
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l sim -d 'Start the built-in virtual device with this SSID and passphrase, then provision it'
complete -c esprov -n "__fish_esprov_using_subcommand provision" -l json -d 'Machine-readable output on stdout: one JSON event per line (NDJSON)'
complete -c esprov -n "__fish_esprov_using_subcommand provision" -s v -l verbose -d 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
complete -c esprov -n "__fish_esprov_using_subcommand provision" -s q -l quiet -d 'No progress lines or spinners on stderr; results and errors still print'
complete -c esprov -n "__fish_esprov_using_subcommand provision" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esprov -n "__fish_esprov_using_subcommand info" -l device -d 'HTTP address of the device (default 192.168.4.1, port 80: join its SoftAP first)' -r
complete -c esprov -n "__fish_esprov_using_subcommand info" -l mdns -d 'Find the device by its mDNS service instance name' -r
complete -c esprov -n "__fish_esprov_using_subcommand info" -l mdns-interface -d 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address' -r
complete -c esprov -n "__fish_esprov_using_subcommand info" -l qr -d 'A device\'s QR payload: fills name, PoP, username and transport' -r
complete -c esprov -n "__fish_esprov_using_subcommand info" -l ble -d 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address' -r
complete -c esprov -n "__fish_esprov_using_subcommand info" -l ble-prefix -d 'Name prefix that marks provisioning devices in BLE scans [default: PROV_]' -r
complete -c esprov -n "__fish_esprov_using_subcommand info" -l service-uuid -d 'The provisioning GATT service UUID, for devices with a custom one' -r
complete -c esprov -n "__fish_esprov_using_subcommand info" -l adapter -d 'Bluetooth adapter to use (e.g. hci0); the first one by default' -r
complete -c esprov -n "__fish_esprov_using_subcommand info" -l ble-retries -d 'Retry a failed BLE connect or GATT discovery this many times [default: 0]' -r
complete -c esprov -n "__fish_esprov_using_subcommand info" -l serial -d 'Reach the device\'s console over a serial port or PTY (e.g. /dev/ttyUSB0)' -r
complete -c esprov -n "__fish_esprov_using_subcommand info" -l baud -d 'Serial baud rate [default: 115200]' -r
complete -c esprov -n "__fish_esprov_using_subcommand info" -l line-limit -d 'Refuse requests whose console line, CR included, would exceed this many bytes (stock ESP-IDF: 255, i.e. 254 characters and the CR)' -r
complete -c esprov -n "__fish_esprov_using_subcommand info" -l timeout -d 'Bound on the whole run, in seconds' -r
complete -c esprov -n "__fish_esprov_using_subcommand info" -l request-timeout -d 'Bound on each request and its answer, in seconds (HTTP, BLE and console alike)' -r
complete -c esprov -n "__fish_esprov_using_subcommand info" -l color -d 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`' -r -f -a "auto\t'Colour a stream only when it is a terminal and `NO_COLOR` is unset or empty'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c esprov -n "__fish_esprov_using_subcommand info" -l reset-board -d 'Reset the board into its app first (RTS pulse, DTR released); without it the port opens with both lines released, so a dev board keeps running'
complete -c esprov -n "__fish_esprov_using_subcommand info" -l console-manual -d 'Relay console lines by hand: print each request, paste the device\'s answer'
complete -c esprov -n "__fish_esprov_using_subcommand info" -l json -d 'Machine-readable output on stdout: one JSON object'
complete -c esprov -n "__fish_esprov_using_subcommand info" -s v -l verbose -d 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
complete -c esprov -n "__fish_esprov_using_subcommand info" -s q -l quiet -d 'No progress lines or spinners on stderr; results and errors still print'
complete -c esprov -n "__fish_esprov_using_subcommand info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esprov -n "__fish_esprov_using_subcommand status" -l device -d 'HTTP address of the device (default 192.168.4.1, port 80: join its SoftAP first)' -r
complete -c esprov -n "__fish_esprov_using_subcommand status" -l mdns -d 'Find the device by its mDNS service instance name' -r
complete -c esprov -n "__fish_esprov_using_subcommand status" -l mdns-interface -d 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address' -r
complete -c esprov -n "__fish_esprov_using_subcommand status" -l qr -d 'A device\'s QR payload: fills name, PoP, username and transport' -r
complete -c esprov -n "__fish_esprov_using_subcommand status" -l ble -d 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address' -r
complete -c esprov -n "__fish_esprov_using_subcommand status" -l ble-prefix -d 'Name prefix that marks provisioning devices in BLE scans [default: PROV_]' -r
complete -c esprov -n "__fish_esprov_using_subcommand status" -l service-uuid -d 'The provisioning GATT service UUID, for devices with a custom one' -r
complete -c esprov -n "__fish_esprov_using_subcommand status" -l adapter -d 'Bluetooth adapter to use (e.g. hci0); the first one by default' -r
complete -c esprov -n "__fish_esprov_using_subcommand status" -l ble-retries -d 'Retry a failed BLE connect or GATT discovery this many times [default: 0]' -r
complete -c esprov -n "__fish_esprov_using_subcommand status" -l serial -d 'Reach the device\'s console over a serial port or PTY (e.g. /dev/ttyUSB0)' -r
complete -c esprov -n "__fish_esprov_using_subcommand status" -l baud -d 'Serial baud rate [default: 115200]' -r
complete -c esprov -n "__fish_esprov_using_subcommand status" -l line-limit -d 'Refuse requests whose console line, CR included, would exceed this many bytes (stock ESP-IDF: 255, i.e. 254 characters and the CR)' -r
complete -c esprov -n "__fish_esprov_using_subcommand status" -l sec -d 'Security scheme. `auto` follows the device\'s proto-ver but never goes below what your credentials ask for (--pop: 1 with PoP or 2; --username/--password: 2), and sends Wi-Fi credentials over security 0 only when you pass `--sec 0` yourself' -r -f -a "auto\t'Decide from the device\'s proto-ver'
0\t'No security: everything, the Wi-Fi passphrase included, travels in clear'
1\t'X25519 + PoP + AES-CTR'
2\t'SRP6a + AES-GCM'"
complete -c esprov -n "__fish_esprov_using_subcommand status" -l pop -d 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt' -r
complete -c esprov -n "__fish_esprov_using_subcommand status" -l pop-file -d 'Read the PoP from a file, or from stdin with `-`' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand status" -l username -d 'Security 2 SRP username' -r
complete -c esprov -n "__fish_esprov_using_subcommand status" -l password -d 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt' -r
complete -c esprov -n "__fish_esprov_using_subcommand status" -l password-file -d 'Read the SRP password from a file, or from stdin with `-`' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand status" -l sec2-salt-mode -d 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not' -r -f -a "full\t'Hash the full digest (ESP-IDF\'s generator, Android)'
strip\t'Strip leading zero bytes (verifiers printed by esp_prov --sec2_gen_cred)'
auto\t'Full, then one retry with strip if the device refuses the proof'"
complete -c esprov -n "__fish_esprov_using_subcommand status" -l timeout -d 'Bound on the whole run, in seconds' -r
complete -c esprov -n "__fish_esprov_using_subcommand status" -l request-timeout -d 'Bound on each request and its answer, in seconds (HTTP, BLE and console alike)' -r
complete -c esprov -n "__fish_esprov_using_subcommand status" -l color -d 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`' -r -f -a "auto\t'Colour a stream only when it is a terminal and `NO_COLOR` is unset or empty'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c esprov -n "__fish_esprov_using_subcommand status" -l reset-board -d 'Reset the board into its app first (RTS pulse, DTR released); without it the port opens with both lines released, so a dev board keeps running'
complete -c esprov -n "__fish_esprov_using_subcommand status" -l console-manual -d 'Relay console lines by hand: print each request, paste the device\'s answer'
complete -c esprov -n "__fish_esprov_using_subcommand status" -l json -d 'Machine-readable output on stdout: one JSON object'
complete -c esprov -n "__fish_esprov_using_subcommand status" -l thread -d 'Thread instead of Wi-Fi (the default on a device that provisions Thread only)'
complete -c esprov -n "__fish_esprov_using_subcommand status" -s v -l verbose -d 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
complete -c esprov -n "__fish_esprov_using_subcommand status" -s q -l quiet -d 'No progress lines or spinners on stderr; results and errors still print'
complete -c esprov -n "__fish_esprov_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l device -d 'HTTP address of the device (default 192.168.4.1, port 80: join its SoftAP first)' -r
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l mdns -d 'Find the device by its mDNS service instance name' -r
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l mdns-interface -d 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address' -r
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l qr -d 'A device\'s QR payload: fills name, PoP, username and transport' -r
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l ble -d 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address' -r
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l ble-prefix -d 'Name prefix that marks provisioning devices in BLE scans [default: PROV_]' -r
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l service-uuid -d 'The provisioning GATT service UUID, for devices with a custom one' -r
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l adapter -d 'Bluetooth adapter to use (e.g. hci0); the first one by default' -r
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l ble-retries -d 'Retry a failed BLE connect or GATT discovery this many times [default: 0]' -r
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l serial -d 'Reach the device\'s console over a serial port or PTY (e.g. /dev/ttyUSB0)' -r
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l baud -d 'Serial baud rate [default: 115200]' -r
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l line-limit -d 'Refuse requests whose console line, CR included, would exceed this many bytes (stock ESP-IDF: 255, i.e. 254 characters and the CR)' -r
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l sec -d 'Security scheme. `auto` follows the device\'s proto-ver but never goes below what your credentials ask for (--pop: 1 with PoP or 2; --username/--password: 2), and sends Wi-Fi credentials over security 0 only when you pass `--sec 0` yourself' -r -f -a "auto\t'Decide from the device\'s proto-ver'
0\t'No security: everything, the Wi-Fi passphrase included, travels in clear'
1\t'X25519 + PoP + AES-CTR'
2\t'SRP6a + AES-GCM'"
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l pop -d 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt' -r
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l pop-file -d 'Read the PoP from a file, or from stdin with `-`' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l username -d 'Security 2 SRP username' -r
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l password -d 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt' -r
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l password-file -d 'Read the SRP password from a file, or from stdin with `-`' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l sec2-salt-mode -d 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not' -r -f -a "full\t'Hash the full digest (ESP-IDF\'s generator, Android)'
strip\t'Strip leading zero bytes (verifiers printed by esp_prov --sec2_gen_cred)'
auto\t'Full, then one retry with strip if the device refuses the proof'"
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l timeout -d 'Bound on the whole run, in seconds' -r
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l request-timeout -d 'Bound on each request and its answer, in seconds (HTTP, BLE and console alike)' -r
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l color -d 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`' -r -f -a "auto\t'Colour a stream only when it is a terminal and `NO_COLOR` is unset or empty'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l reset-board -d 'Reset the board into its app first (RTS pulse, DTR released); without it the port opens with both lines released, so a dev board keeps running'
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l console-manual -d 'Relay console lines by hand: print each request, paste the device\'s answer'
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l json -d 'Machine-readable output on stdout: one JSON object'
complete -c esprov -n "__fish_esprov_using_subcommand scan" -l thread -d 'Thread instead of Wi-Fi (the default on a device that provisions Thread only)'
complete -c esprov -n "__fish_esprov_using_subcommand scan" -s v -l verbose -d 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
complete -c esprov -n "__fish_esprov_using_subcommand scan" -s q -l quiet -d 'No progress lines or spinners on stderr; results and errors still print'
complete -c esprov -n "__fish_esprov_using_subcommand scan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l device -d 'HTTP address of the device (default 192.168.4.1, port 80: join its SoftAP first)' -r
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l mdns -d 'Find the device by its mDNS service instance name' -r
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l mdns-interface -d 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address' -r
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l qr -d 'A device\'s QR payload: fills name, PoP, username and transport' -r
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l ble -d 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address' -r
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l ble-prefix -d 'Name prefix that marks provisioning devices in BLE scans [default: PROV_]' -r
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l service-uuid -d 'The provisioning GATT service UUID, for devices with a custom one' -r
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l adapter -d 'Bluetooth adapter to use (e.g. hci0); the first one by default' -r
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l ble-retries -d 'Retry a failed BLE connect or GATT discovery this many times [default: 0]' -r
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l serial -d 'Reach the device\'s console over a serial port or PTY (e.g. /dev/ttyUSB0)' -r
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l baud -d 'Serial baud rate [default: 115200]' -r
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l line-limit -d 'Refuse requests whose console line, CR included, would exceed this many bytes (stock ESP-IDF: 255, i.e. 254 characters and the CR)' -r
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l sec -d 'Security scheme. `auto` follows the device\'s proto-ver but never goes below what your credentials ask for (--pop: 1 with PoP or 2; --username/--password: 2), and sends Wi-Fi credentials over security 0 only when you pass `--sec 0` yourself' -r -f -a "auto\t'Decide from the device\'s proto-ver'
0\t'No security: everything, the Wi-Fi passphrase included, travels in clear'
1\t'X25519 + PoP + AES-CTR'
2\t'SRP6a + AES-GCM'"
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l pop -d 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt' -r
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l pop-file -d 'Read the PoP from a file, or from stdin with `-`' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l username -d 'Security 2 SRP username' -r
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l password -d 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt' -r
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l password-file -d 'Read the SRP password from a file, or from stdin with `-`' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l sec2-salt-mode -d 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not' -r -f -a "full\t'Hash the full digest (ESP-IDF\'s generator, Android)'
strip\t'Strip leading zero bytes (verifiers printed by esp_prov --sec2_gen_cred)'
auto\t'Full, then one retry with strip if the device refuses the proof'"
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l timeout -d 'Bound on the whole run, in seconds' -r
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l request-timeout -d 'Bound on each request and its answer, in seconds (HTTP, BLE and console alike)' -r
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l color -d 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`' -r -f -a "auto\t'Colour a stream only when it is a terminal and `NO_COLOR` is unset or empty'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l reset-board -d 'Reset the board into its app first (RTS pulse, DTR released); without it the port opens with both lines released, so a dev board keeps running'
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l console-manual -d 'Relay console lines by hand: print each request, paste the device\'s answer'
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l json -d 'Machine-readable output on stdout: one JSON object'
complete -c esprov -n "__fish_esprov_using_subcommand reset" -l thread -d 'Thread instead of Wi-Fi (the default on a device that provisions Thread only)'
complete -c esprov -n "__fish_esprov_using_subcommand reset" -s v -l verbose -d 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
complete -c esprov -n "__fish_esprov_using_subcommand reset" -s q -l quiet -d 'No progress lines or spinners on stderr; results and errors still print'
complete -c esprov -n "__fish_esprov_using_subcommand reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l device -d 'HTTP address of the device (default 192.168.4.1, port 80: join its SoftAP first)' -r
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l mdns -d 'Find the device by its mDNS service instance name' -r
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l mdns-interface -d 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address' -r
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l qr -d 'A device\'s QR payload: fills name, PoP, username and transport' -r
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l ble -d 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address' -r
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l ble-prefix -d 'Name prefix that marks provisioning devices in BLE scans [default: PROV_]' -r
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l service-uuid -d 'The provisioning GATT service UUID, for devices with a custom one' -r
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l adapter -d 'Bluetooth adapter to use (e.g. hci0); the first one by default' -r
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l ble-retries -d 'Retry a failed BLE connect or GATT discovery this many times [default: 0]' -r
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l serial -d 'Reach the device\'s console over a serial port or PTY (e.g. /dev/ttyUSB0)' -r
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l baud -d 'Serial baud rate [default: 115200]' -r
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l line-limit -d 'Refuse requests whose console line, CR included, would exceed this many bytes (stock ESP-IDF: 255, i.e. 254 characters and the CR)' -r
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l sec -d 'Security scheme. `auto` follows the device\'s proto-ver but never goes below what your credentials ask for (--pop: 1 with PoP or 2; --username/--password: 2), and sends Wi-Fi credentials over security 0 only when you pass `--sec 0` yourself' -r -f -a "auto\t'Decide from the device\'s proto-ver'
0\t'No security: everything, the Wi-Fi passphrase included, travels in clear'
1\t'X25519 + PoP + AES-CTR'
2\t'SRP6a + AES-GCM'"
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l pop -d 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt' -r
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l pop-file -d 'Read the PoP from a file, or from stdin with `-`' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l username -d 'Security 2 SRP username' -r
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l password -d 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt' -r
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l password-file -d 'Read the SRP password from a file, or from stdin with `-`' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l sec2-salt-mode -d 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not' -r -f -a "full\t'Hash the full digest (ESP-IDF\'s generator, Android)'
strip\t'Strip leading zero bytes (verifiers printed by esp_prov --sec2_gen_cred)'
auto\t'Full, then one retry with strip if the device refuses the proof'"
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l timeout -d 'Bound on the whole run, in seconds' -r
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l request-timeout -d 'Bound on each request and its answer, in seconds (HTTP, BLE and console alike)' -r
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l color -d 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`' -r -f -a "auto\t'Colour a stream only when it is a terminal and `NO_COLOR` is unset or empty'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l reset-board -d 'Reset the board into its app first (RTS pulse, DTR released); without it the port opens with both lines released, so a dev board keeps running'
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l console-manual -d 'Relay console lines by hand: print each request, paste the device\'s answer'
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l json -d 'Machine-readable output on stdout: one JSON object'
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -l thread -d 'Thread instead of Wi-Fi (the default on a device that provisions Thread only)'
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -s v -l verbose -d 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -s q -l quiet -d 'No progress lines or spinners on stderr; results and errors still print'
complete -c esprov -n "__fish_esprov_using_subcommand reprov" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esprov -n "__fish_esprov_using_subcommand send" -l data -d 'Send this text' -r
complete -c esprov -n "__fish_esprov_using_subcommand send" -l hex -d 'Send these bytes, written as hex' -r
complete -c esprov -n "__fish_esprov_using_subcommand send" -l file -d 'Send the contents of a file, or of stdin with `-`' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand send" -l device -d 'HTTP address of the device (default 192.168.4.1, port 80: join its SoftAP first)' -r
complete -c esprov -n "__fish_esprov_using_subcommand send" -l mdns -d 'Find the device by its mDNS service instance name' -r
complete -c esprov -n "__fish_esprov_using_subcommand send" -l mdns-interface -d 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address' -r
complete -c esprov -n "__fish_esprov_using_subcommand send" -l qr -d 'A device\'s QR payload: fills name, PoP, username and transport' -r
complete -c esprov -n "__fish_esprov_using_subcommand send" -l ble -d 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address' -r
complete -c esprov -n "__fish_esprov_using_subcommand send" -l ble-prefix -d 'Name prefix that marks provisioning devices in BLE scans [default: PROV_]' -r
complete -c esprov -n "__fish_esprov_using_subcommand send" -l service-uuid -d 'The provisioning GATT service UUID, for devices with a custom one' -r
complete -c esprov -n "__fish_esprov_using_subcommand send" -l adapter -d 'Bluetooth adapter to use (e.g. hci0); the first one by default' -r
complete -c esprov -n "__fish_esprov_using_subcommand send" -l ble-retries -d 'Retry a failed BLE connect or GATT discovery this many times [default: 0]' -r
complete -c esprov -n "__fish_esprov_using_subcommand send" -l serial -d 'Reach the device\'s console over a serial port or PTY (e.g. /dev/ttyUSB0)' -r
complete -c esprov -n "__fish_esprov_using_subcommand send" -l baud -d 'Serial baud rate [default: 115200]' -r
complete -c esprov -n "__fish_esprov_using_subcommand send" -l line-limit -d 'Refuse requests whose console line, CR included, would exceed this many bytes (stock ESP-IDF: 255, i.e. 254 characters and the CR)' -r
complete -c esprov -n "__fish_esprov_using_subcommand send" -l sec -d 'Security scheme. `auto` follows the device\'s proto-ver but never goes below what your credentials ask for (--pop: 1 with PoP or 2; --username/--password: 2), and sends Wi-Fi credentials over security 0 only when you pass `--sec 0` yourself' -r -f -a "auto\t'Decide from the device\'s proto-ver'
0\t'No security: everything, the Wi-Fi passphrase included, travels in clear'
1\t'X25519 + PoP + AES-CTR'
2\t'SRP6a + AES-GCM'"
complete -c esprov -n "__fish_esprov_using_subcommand send" -l pop -d 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt' -r
complete -c esprov -n "__fish_esprov_using_subcommand send" -l pop-file -d 'Read the PoP from a file, or from stdin with `-`' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand send" -l username -d 'Security 2 SRP username' -r
complete -c esprov -n "__fish_esprov_using_subcommand send" -l password -d 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt' -r
complete -c esprov -n "__fish_esprov_using_subcommand send" -l password-file -d 'Read the SRP password from a file, or from stdin with `-`' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand send" -l sec2-salt-mode -d 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not' -r -f -a "full\t'Hash the full digest (ESP-IDF\'s generator, Android)'
strip\t'Strip leading zero bytes (verifiers printed by esp_prov --sec2_gen_cred)'
auto\t'Full, then one retry with strip if the device refuses the proof'"
complete -c esprov -n "__fish_esprov_using_subcommand send" -l timeout -d 'Bound on the whole run, in seconds' -r
complete -c esprov -n "__fish_esprov_using_subcommand send" -l request-timeout -d 'Bound on each request and its answer, in seconds (HTTP, BLE and console alike)' -r
complete -c esprov -n "__fish_esprov_using_subcommand send" -l color -d 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`' -r -f -a "auto\t'Colour a stream only when it is a terminal and `NO_COLOR` is unset or empty'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c esprov -n "__fish_esprov_using_subcommand send" -l reset-board -d 'Reset the board into its app first (RTS pulse, DTR released); without it the port opens with both lines released, so a dev board keeps running'
complete -c esprov -n "__fish_esprov_using_subcommand send" -l console-manual -d 'Relay console lines by hand: print each request, paste the device\'s answer'
complete -c esprov -n "__fish_esprov_using_subcommand send" -l json -d 'Machine-readable output on stdout: one JSON object'
complete -c esprov -n "__fish_esprov_using_subcommand send" -s v -l verbose -d 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
complete -c esprov -n "__fish_esprov_using_subcommand send" -s q -l quiet -d 'No progress lines or spinners on stderr; results and errors still print'
complete -c esprov -n "__fish_esprov_using_subcommand send" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esprov -n "__fish_esprov_using_subcommand check" -l device -d 'HTTP address of the device (default 192.168.4.1, port 80: join its SoftAP first)' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l mdns -d 'Find the device by its mDNS service instance name' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l mdns-interface -d 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l qr -d 'A device\'s QR payload: fills name, PoP, username and transport' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l ble -d 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l ble-prefix -d 'Name prefix that marks provisioning devices in BLE scans [default: PROV_]' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l service-uuid -d 'The provisioning GATT service UUID, for devices with a custom one' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l adapter -d 'Bluetooth adapter to use (e.g. hci0); the first one by default' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l ble-retries -d 'Retry a failed BLE connect or GATT discovery this many times [default: 0]' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l serial -d 'Reach the device\'s console over a serial port or PTY (e.g. /dev/ttyUSB0)' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l baud -d 'Serial baud rate [default: 115200]' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l line-limit -d 'Refuse requests whose console line, CR included, would exceed this many bytes (stock ESP-IDF: 255, i.e. 254 characters and the CR)' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l sec -d 'Security scheme. `auto` follows the device\'s proto-ver but never goes below what your credentials ask for (--pop: 1 with PoP or 2; --username/--password: 2), and sends Wi-Fi credentials over security 0 only when you pass `--sec 0` yourself' -r -f -a "auto\t'Decide from the device\'s proto-ver'
0\t'No security: everything, the Wi-Fi passphrase included, travels in clear'
1\t'X25519 + PoP + AES-CTR'
2\t'SRP6a + AES-GCM'"
complete -c esprov -n "__fish_esprov_using_subcommand check" -l pop -d 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l pop-file -d 'Read the PoP from a file, or from stdin with `-`' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand check" -l username -d 'Security 2 SRP username' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l password -d 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l password-file -d 'Read the SRP password from a file, or from stdin with `-`' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand check" -l sec2-salt-mode -d 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not' -r -f -a "full\t'Hash the full digest (ESP-IDF\'s generator, Android)'
strip\t'Strip leading zero bytes (verifiers printed by esp_prov --sec2_gen_cred)'
auto\t'Full, then one retry with strip if the device refuses the proof'"
complete -c esprov -n "__fish_esprov_using_subcommand check" -l timeout -d 'Bound on the whole run, in seconds' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l request-timeout -d 'Bound on each request and its answer, in seconds (HTTP, BLE and console alike)' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l only -d 'Run only these groups or check ids (repeatable, or comma-separated)' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l skip -d 'Leave out these check ids or groups (repeatable, or comma-separated)' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l ssid -d 'SSID of the access point for the Wi-Fi checks (without it they are skipped)' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l passphrase -d 'Passphrase of that access point; or ESPROV_PASSPHRASE, --passphrase-file, or a prompt' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l passphrase-file -d 'Read the passphrase from a file, or from stdin with `-`' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand check" -l bad-passphrase -d 'A passphrase the access point refuses (default: a generated one)' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l dataset-tlvs -d 'The Thread dataset for the Thread checks, as hex TLVs (`ot-ctl dataset active -x`); it holds the network key, so prefer --dataset-file or ESPROV_DATASET' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l dataset-file -d 'Read the Thread dataset hex from a file, or from stdin with `-`' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand check" -l custom-endpoint -d 'A custom endpoint to call (`custom.endpoint`)' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l custom-data -d 'The text to send to --custom-endpoint' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l expect -d 'The text --custom-endpoint must answer (one trailing NUL tolerated)' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l expect-hex -d 'The bytes --custom-endpoint must answer, written as hex' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l max-handshake-ms -d 'Fail timing.handshake above this many milliseconds' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l max-connect-ms -d 'Fail timing.connect above this many milliseconds' -r
complete -c esprov -n "__fish_esprov_using_subcommand check" -l junit -d 'Also write the report as JUnit XML to this file' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand check" -l color -d 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`' -r -f -a "auto\t'Colour a stream only when it is a terminal and `NO_COLOR` is unset or empty'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c esprov -n "__fish_esprov_using_subcommand check" -l reset-board -d 'Reset the board into its app first (RTS pulse, DTR released); without it the port opens with both lines released, so a dev board keeps running'
complete -c esprov -n "__fish_esprov_using_subcommand check" -l console-manual -d 'Relay console lines by hand: print each request, paste the device\'s answer'
complete -c esprov -n "__fish_esprov_using_subcommand check" -l json -d 'Machine-readable output on stdout: one JSON object'
complete -c esprov -n "__fish_esprov_using_subcommand check" -l list -d 'List the checks (id, group, description) and exit; no device needed'
complete -c esprov -n "__fish_esprov_using_subcommand check" -l destructive -d 'Also run the robustness group: malformed, random and oversized requests'
complete -c esprov -n "__fish_esprov_using_subcommand check" -s v -l verbose -d 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
complete -c esprov -n "__fish_esprov_using_subcommand check" -s q -l quiet -d 'No progress lines or spinners on stderr; results and errors still print'
complete -c esprov -n "__fish_esprov_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esprov -n "__fish_esprov_using_subcommand discover" -l mdns-interface -d 'Listen for mDNS on one interface only: a name (`eth0`, `lo`) or an IP address' -r
complete -c esprov -n "__fish_esprov_using_subcommand discover" -l ble-prefix -d 'Name prefix that marks provisioning devices in BLE scans [default: PROV_]' -r
complete -c esprov -n "__fish_esprov_using_subcommand discover" -l service-uuid -d 'The provisioning GATT service UUID, for devices with a custom one' -r
complete -c esprov -n "__fish_esprov_using_subcommand discover" -l adapter -d 'Bluetooth adapter to use (e.g. hci0); the first one by default' -r
complete -c esprov -n "__fish_esprov_using_subcommand discover" -l timeout -d 'How long to listen for answers, in seconds' -r
complete -c esprov -n "__fish_esprov_using_subcommand discover" -l color -d 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`' -r -f -a "auto\t'Colour a stream only when it is a terminal and `NO_COLOR` is unset or empty'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c esprov -n "__fish_esprov_using_subcommand discover" -l ble -d 'Scan BLE advertisements (with neither --ble nor --mdns: both)'
complete -c esprov -n "__fish_esprov_using_subcommand discover" -l mdns -d 'Browse mDNS (with neither --ble nor --mdns: both)'
complete -c esprov -n "__fish_esprov_using_subcommand discover" -l json -d 'Machine-readable output on stdout: one JSON object'
complete -c esprov -n "__fish_esprov_using_subcommand discover" -s v -l verbose -d 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
complete -c esprov -n "__fish_esprov_using_subcommand discover" -s q -l quiet -d 'No progress lines or spinners on stderr; results and errors still print'
complete -c esprov -n "__fish_esprov_using_subcommand discover" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esprov -n "__fish_esprov_using_subcommand sec2-creds" -l username -d 'SRP username' -r
complete -c esprov -n "__fish_esprov_using_subcommand sec2-creds" -l password -d 'SRP password; or ESPROV_PASSWORD, --password-file, or a prompt' -r
complete -c esprov -n "__fish_esprov_using_subcommand sec2-creds" -l password-file -d 'Read the password from a file, or from stdin with `-`' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand sec2-creds" -l salt-len -d 'Salt length in bytes' -r
complete -c esprov -n "__fish_esprov_using_subcommand sec2-creds" -l sec2-salt-mode -d 'x convention: `full` (ESP-IDF, Android) or `strip` (esp_prov\'s leading-zero stripping)' -r -f -a "full\t'Hash the full digest (ESP-IDF\'s generator, Android)'
strip\t'Strip leading zero bytes (verifiers printed by esp_prov --sec2_gen_cred)'
auto\t'Full, then one retry with strip if the device refuses the proof'"
complete -c esprov -n "__fish_esprov_using_subcommand sec2-creds" -l format -d 'Output format' -r -f -a "c\t'C arrays exactly as esp_prov prints them'
rust\t'Rust constants'
json\t'A JSON object with hex strings'
hex\t'Two hex lines: salt, then verifier'"
complete -c esprov -n "__fish_esprov_using_subcommand sec2-creds" -l color -d 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`' -r -f -a "auto\t'Colour a stream only when it is a terminal and `NO_COLOR` is unset or empty'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c esprov -n "__fish_esprov_using_subcommand sec2-creds" -s v -l verbose -d 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
complete -c esprov -n "__fish_esprov_using_subcommand sec2-creds" -s q -l quiet -d 'No progress lines or spinners on stderr; results and errors still print'
complete -c esprov -n "__fish_esprov_using_subcommand sec2-creds" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esprov -n "__fish_esprov_using_subcommand qr" -l qr -d 'An existing payload to render (as printed by the firmware)' -r
complete -c esprov -n "__fish_esprov_using_subcommand qr" -l name -d 'Service name: the BLE device name or the SoftAP SSID' -r
complete -c esprov -n "__fish_esprov_using_subcommand qr" -l transport -d 'Transport the phone app should use' -r -f -a "softap\t'The SoftAP scheme (HTTP)'
ble\t'BLE'"
complete -c esprov -n "__fish_esprov_using_subcommand qr" -l sec -d 'Security scheme to state in the payload (the apps assume 2 when absent)' -r
complete -c esprov -n "__fish_esprov_using_subcommand qr" -l username -d 'Security 2 username' -r
complete -c esprov -n "__fish_esprov_using_subcommand qr" -l pop -d 'PoP (security 1) or SRP password (security 2), which the payload carries in `pop`' -r
complete -c esprov -n "__fish_esprov_using_subcommand qr" -l password -d 'The device\'s SoftAP passphrase, which the phone apps use to join it (`password`)' -r
complete -c esprov -n "__fish_esprov_using_subcommand qr" -l color -d 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`' -r -f -a "auto\t'Colour a stream only when it is a terminal and `NO_COLOR` is unset or empty'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c esprov -n "__fish_esprov_using_subcommand qr" -l json -d 'Print only the JSON, no terminal QR code'
complete -c esprov -n "__fish_esprov_using_subcommand qr" -s v -l verbose -d 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
complete -c esprov -n "__fish_esprov_using_subcommand qr" -s q -l quiet -d 'No progress lines or spinners on stderr; results and errors still print'
complete -c esprov -n "__fish_esprov_using_subcommand qr" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esprov -n "__fish_esprov_using_subcommand batch" -l report -d 'The report: one JSON line per attempt, fsynced as written' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand batch" -l concurrency -d 'Devices provisioned at once' -r
complete -c esprov -n "__fish_esprov_using_subcommand batch" -l ble-per-adapter -d 'BLE devices provisioned at once per adapter' -r
complete -c esprov -n "__fish_esprov_using_subcommand batch" -l retries -d 'Retries of transient failures (unreachable, connection lost, timeout); BLE connects: --ble-retries' -r
complete -c esprov -n "__fish_esprov_using_subcommand batch" -l timeout -d 'Bound on one attempt, in seconds, for rows without a `timeout` column' -r
complete -c esprov -n "__fish_esprov_using_subcommand batch" -l sec -d 'Security scheme for every row: `auto` decides from each device\'s proto-ver' -r -f -a "auto\t'Decide from the device\'s proto-ver'
0\t'No security: everything, the Wi-Fi passphrase included, travels in clear'
1\t'X25519 + PoP + AES-CTR'
2\t'SRP6a + AES-GCM'"
complete -c esprov -n "__fish_esprov_using_subcommand batch" -l status-delay-ms -d 'Wait this long after ApplyConfig before the first GetStatus, then poll every 100 ms (ESP-IDF v4.1+ starts joining 1 s after ApplyConfig; 0 for firmware that joins at once)' -r
complete -c esprov -n "__fish_esprov_using_subcommand batch" -l color -d 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`' -r -f -a "auto\t'Colour a stream only when it is a terminal and `NO_COLOR` is unset or empty'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c esprov -n "__fish_esprov_using_subcommand batch" -l resume -d 'Continue the report: skip devices already ok, run the rest'
complete -c esprov -n "__fish_esprov_using_subcommand batch" -l check -d 'Validate the manifest and the report and print the plan; contact no device'
complete -c esprov -n "__fish_esprov_using_subcommand batch" -l json -d 'Stream events and the summary as NDJSON on stdout'
complete -c esprov -n "__fish_esprov_using_subcommand batch" -l no-group-commit -d 'One write + fsync per record instead of group commit (for measuring)'
complete -c esprov -n "__fish_esprov_using_subcommand batch" -s v -l verbose -d 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
complete -c esprov -n "__fish_esprov_using_subcommand batch" -s q -l quiet -d 'No progress lines or spinners on stderr; results and errors still print'
complete -c esprov -n "__fish_esprov_using_subcommand batch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esprov -n "__fish_esprov_using_subcommand factory-data" -l out -d 'Directory for the outputs (created with mode 0700 if absent)' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand factory-data" -l count -d 'Number of devices (service names PREFIX + 6 random hex digits)' -r
complete -c esprov -n "__fish_esprov_using_subcommand factory-data" -l serials -d 'Serial numbers: one per line, or a CSV with a `serial` and an optional `device` column' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand factory-data" -l ssid -d 'The Wi-Fi network the batch manifest provisions the devices onto' -r
complete -c esprov -n "__fish_esprov_using_subcommand factory-data" -l sec -d 'Security scheme: 2 (SRP; the password never reaches the device) or 1 (PoP)' -r
complete -c esprov -n "__fish_esprov_using_subcommand factory-data" -l username -d 'Security 2 SRP username, the same on every device' -r
complete -c esprov -n "__fish_esprov_using_subcommand factory-data" -l name-prefix -d 'Service-name prefix (BLE name or SoftAP SSID), at most 26 bytes' -r
complete -c esprov -n "__fish_esprov_using_subcommand factory-data" -l transport -d 'The transport the label\'s QR payload names' -r -f -a "softap\t'The SoftAP scheme (HTTP)'
ble\t'BLE'"
complete -c esprov -n "__fish_esprov_using_subcommand factory-data" -l ble-service-uuid -d 'BLE service UUID to store, when the firmware should not use its default' -r
complete -c esprov -n "__fish_esprov_using_subcommand factory-data" -l device -d 'The manifest\'s device cell: {name}, {serial} and {index} are replaced [default: ble:{name}, or mdns:{name} with --transport softap]' -r
complete -c esprov -n "__fish_esprov_using_subcommand factory-data" -l color -d 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`' -r -f -a "auto\t'Colour a stream only when it is a terminal and `NO_COLOR` is unset or empty'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c esprov -n "__fish_esprov_using_subcommand factory-data" -l json -d 'Print what was written as one JSON line (no secrets) instead of the file paths'
complete -c esprov -n "__fish_esprov_using_subcommand factory-data" -s v -l verbose -d 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
complete -c esprov -n "__fish_esprov_using_subcommand factory-data" -s q -l quiet -d 'No progress lines or spinners on stderr; results and errors still print'
complete -c esprov -n "__fish_esprov_using_subcommand factory-data" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l transport -d 'Transport to serve' -r -f -a "http\t'HTTP on a TCP port, as the SoftAP scheme does'
console\t'ESP-IDF\'s console line format on stdin/stdout or a PTY'"
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l bind -d 'Address to bind HTTP to (loopback only by default)' -r
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l port -d 'First TCP port; 0 picks free ports' -r
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l count -d 'Number of devices, on consecutive ports with distinct names' -r
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l tty -d 'PTY or serial path for the console transport (stdin/stdout when absent)' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l factory-data -d 'A factory-data image (from `esprov factory-data`) giving a device its name and security, which override --name, --sec, --pop, --username and --password; repeat for one device each' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l sec -d 'Security scheme' -r
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l pop -d 'Proof of possession for security 1 (none when absent)' -r
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l username -d 'SRP username for security 2' -r
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l password -d 'SRP password for security 2' -r
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l sec-patch -d 'Security 2 patch level (sec_patch_ver)' -r
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l ap -d 'A simulated access point, SSID:PASSPHRASE (repeatable; or one in ESPROV_SIM_AP)' -r
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l network -d 'Which manager the device runs: wifi (wifi_provisioning v1.1), thread or both (network_provisioning netprov-v1.2)' -r -f -a "wifi\t'wifi_provisioning (proto-ver v1.1), Wi-Fi only: the ESP-IDF ≤ 5.5 device'
thread\t'network_provisioning (netprov-v1.2) built for Thread only'
both\t'network_provisioning built for Wi-Fi and Thread'"
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l thread-network -d 'A simulated Thread network, NAME:PANID:CHANNEL:KEYHEX (repeatable; PANID decimal or 0x hex)' -r
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l thread-attach-timeout-ms -d 'Milliseconds a Thread attach may take before the manager reports network not found' -r
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l connect-delay-ms -d 'Milliseconds from apply_config to the simulated connection result' -r
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l apply-delay-ms -d 'Milliseconds from apply_config to the Wi-Fi connect (ESP-IDF waits 1 s so the answer leaves first)' -r
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l outcome -d 'What the simulated Wi-Fi does with the credentials' -r -f -a "ok\t'Connect (attach) after the delay, if the credentials match a simulated AP (Thread network)'
auth-error\t'Always fail with an authentication error (Thread: network not found)'
no-ap\t'Always fail with AP not found (Thread: network not found)'
dataset-invalid\t'Thread: always fail with "dataset invalid" (Wi-Fi connects as with `ok`)'
never\t'Stay in Connecting (Attaching) forever; a Thread manager then times out: network not found'"
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l name -d 'Service-name prefix; the name is PREFIX + 6 hex digits' -r
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l state-dir -d 'Directory for stored credentials (NVS stand-in); a temporary one when absent' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l conn-attempts -d 'Connection attempts before a failure is final (wifi_conn_attempts; 0 = ESP-IDF\'s legacy behaviour: fail at once on auth/no-AP reasons)' -r
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l autostop-timeout-ms -d 'Auto-stop this many ms after success when no GetStatus arrives (ESP-IDF: 30 s)' -r
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l fault -d 'Misbehave on purpose, to test a conformance suite (repeatable)' -r -f -a "accept-any-pop\t'Answer a handshake with a wrong PoP or password as if it had verified'
no-reject-after-failure\t'Take new credentials after a failed attempt without a prov-ctrl reset'
keep-old-session\t'Let a new transport session inherit the previous session\'s keys'
no-session-required\t'Answer prov-config in plaintext before any handshake'
hide-scan-cap\t'Leave wifi_scan out of proto-ver while prov-scan still answers'
bad-caps\t'List a capability that contradicts the security scheme'
silent-while-connecting\t'Refuse GetStatus while the station is connecting'
scan-duplicates\t'Report the strongest access point twice in scan results'
accept-any-passphrase\t'Join any access point whatever the passphrase'
crash-on-oversize\t'Exit at once (a crash) on a request body or console line over the limit'"
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l color -d 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`' -r -f -a "auto\t'Colour a stream only when it is a terminal and `NO_COLOR` is unset or empty'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l stock-line-limit -d 'Behave as stock ESP-IDF\'s console: 254 characters + CR per line, longer lines in 255-byte pieces, only CR ends a line, byte-wise echo, stdout-framed answers, prompt 10 ms later'
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l no-auto-stop -d 'Keep provisioning running after success (disable_auto_stop), so reprov works'
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l pty -d 'Serve the console on a new PTY and print its path, for `esprov --serial PATH`'
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l mdns -d 'Advertise over mDNS. Off by default: mdns-sd joins multicast groups on every interface'
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l no-mdns -d 'Accepted for older scripts; mDNS is off unless --mdns'
complete -c esprov -n "__fish_esprov_using_subcommand sim" -l json -d 'Print the ready line and events as JSON'
complete -c esprov -n "__fish_esprov_using_subcommand sim" -s v -l verbose -d 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
complete -c esprov -n "__fish_esprov_using_subcommand sim" -s q -l quiet -d 'No progress lines or spinners on stderr; results and errors still print'
complete -c esprov -n "__fish_esprov_using_subcommand sim" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esprov -n "__fish_esprov_using_subcommand completions" -l color -d 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`' -r -f -a "auto\t'Colour a stream only when it is a terminal and `NO_COLOR` is unset or empty'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c esprov -n "__fish_esprov_using_subcommand completions" -s v -l verbose -d 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
complete -c esprov -n "__fish_esprov_using_subcommand completions" -s q -l quiet -d 'No progress lines or spinners on stderr; results and errors still print'
complete -c esprov -n "__fish_esprov_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -l transport -d 'softap, httpd, ble or console' -r -f -a "softap\t'HTTP to the device\'s SoftAP'
httpd\t'HTTP on any IP interface (an alias of softap)'
ble\t'BLE GATT'
console\t'Serial console'"
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -l service_name -d 'softap/httpd: HOST[:PORT] (default 192.168.4.1:80); ble: the device name' -r
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -l proto_ver -d 'Require this protocol version (the raw proto-ver answer or its prov.ver)' -r
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -l sec_ver -d 'Security scheme 0, 1 or 2; auto-detected when absent' -r
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -l pop -d 'Proof of possession for security 1 (or ESPROV_POP)' -r
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -l sec2_username -d 'SRP username for security 2' -r
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -l sec2_pwd -d 'SRP password for security 2 (or ESPROV_PASSWORD)' -r
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -l sec2_salt_len -d 'Salt length for --sec2_gen_cred' -r
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -l ssid -d 'SSID of the access point; empty: scan on the device and choose' -r
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -l passphrase -d 'Passphrase of the access point; asked for when absent (or ESPROV_PASSPHRASE)' -r
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -l network_proto -d 'network_provisioning\'s `wifi` or `thread` (default: Thread on a Thread-only device)' -r
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -l dataset_tlvs -d 'Thread dataset TLVs as hex (network_provisioning); ESPROV_DATASET works too' -r
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -l custom_data -d 'Send this text to the `custom-data` endpoint after the session' -r
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -l timeout -d 'esprov\'s bound on the whole run, in seconds (esp_prov has none)' -r
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -l color -d 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`' -r -f -a "auto\t'Colour a stream only when it is a terminal and `NO_COLOR` is unset or empty'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -l sec2_gen_cred -d 'With --sec_ver 2: print a salt and verifier as C arrays and exit'
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -l reset -d 'Send CtrlReset (after a failed attempt) and exit'
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -l reprov -d 'Send CtrlReprov (after a success) and exit'
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -s v -l verbose -d 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -s q -l quiet -d 'No progress lines or spinners on stderr; results and errors still print'
complete -c esprov -n "__fish_esprov_using_subcommand esp-prov" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esprov -n "__fish_esprov_using_subcommand man" -l out-dir -d 'Where to write esprov.1 and esprov-COMMAND.1' -r -F
complete -c esprov -n "__fish_esprov_using_subcommand man" -l color -d 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`' -r -f -a "auto\t'Colour a stream only when it is a terminal and `NO_COLOR` is unset or empty'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c esprov -n "__fish_esprov_using_subcommand man" -s v -l verbose -d 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)'
complete -c esprov -n "__fish_esprov_using_subcommand man" -s q -l quiet -d 'No progress lines or spinners on stderr; results and errors still print'
complete -c esprov -n "__fish_esprov_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esprov -n "__fish_esprov_using_subcommand help; and not __fish_seen_subcommand_from provision info status scan reset reprov send check discover sec2-creds qr batch factory-data sim completions esp-prov man help" -f -a "provision" -d 'Send Wi-Fi credentials to a device, apply them and wait until it joins the network'
complete -c esprov -n "__fish_esprov_using_subcommand help; and not __fish_seen_subcommand_from provision info status scan reset reprov send check discover sec2-creds qr batch factory-data sim completions esp-prov man help" -f -a "info" -d 'Show the device\'s protocol version, capabilities and the security it wants'
complete -c esprov -n "__fish_esprov_using_subcommand help; and not __fish_seen_subcommand_from provision info status scan reset reprov send check discover sec2-creds qr batch factory-data sim completions esp-prov man help" -f -a "status" -d 'Open a session and show the device\'s Wi-Fi (or Thread) connection state'
complete -c esprov -n "__fish_esprov_using_subcommand help; and not __fish_seen_subcommand_from provision info status scan reset reprov send check discover sec2-creds qr batch factory-data sim completions esp-prov man help" -f -a "scan" -d 'Ask the device to scan for access points (or Thread networks) and list them'
complete -c esprov -n "__fish_esprov_using_subcommand help; and not __fish_seen_subcommand_from provision info status scan reset reprov send check discover sec2-creds qr batch factory-data sim completions esp-prov man help" -f -a "reset" -d 'After a failed attempt, make the device accept new credentials (prov-ctrl reset)'
complete -c esprov -n "__fish_esprov_using_subcommand help; and not __fish_seen_subcommand_from provision info status scan reset reprov send check discover sec2-creds qr batch factory-data sim completions esp-prov man help" -f -a "reprov" -d 'After a success, make the device take new credentials (prov-ctrl reprov)'
complete -c esprov -n "__fish_esprov_using_subcommand help; and not __fish_seen_subcommand_from provision info status scan reset reprov send check discover sec2-creds qr batch factory-data sim completions esp-prov man help" -f -a "send" -d 'Send bytes to a custom endpoint, encrypted like any other, and print the answer'
complete -c esprov -n "__fish_esprov_using_subcommand help; and not __fish_seen_subcommand_from provision info status scan reset reprov send check discover sec2-creds qr batch factory-data sim completions esp-prov man help" -f -a "check" -d 'Run the conformance suite against a device: pass, fail or skip per check (JUnit with --junit)'
complete -c esprov -n "__fish_esprov_using_subcommand help; and not __fish_seen_subcommand_from provision info status scan reset reprov send check discover sec2-creds qr batch factory-data sim completions esp-prov man help" -f -a "discover" -d 'Find provisioning devices on the local network (mDNS) and over BLE'
complete -c esprov -n "__fish_esprov_using_subcommand help; and not __fish_seen_subcommand_from provision info status scan reset reprov send check discover sec2-creds qr batch factory-data sim completions esp-prov man help" -f -a "sec2-creds" -d 'Generate a security 2 salt and verifier for firmware'
complete -c esprov -n "__fish_esprov_using_subcommand help; and not __fish_seen_subcommand_from provision info status scan reset reprov send check discover sec2-creds qr batch factory-data sim completions esp-prov man help" -f -a "qr" -d 'Print a device\'s QR payload as a terminal QR code and as JSON'
complete -c esprov -n "__fish_esprov_using_subcommand help; and not __fish_seen_subcommand_from provision info status scan reset reprov send check discover sec2-creds qr batch factory-data sim completions esp-prov man help" -f -a "batch" -d 'Provision every device of a manifest (CSV or JSON Lines), with a durable report'
complete -c esprov -n "__fish_esprov_using_subcommand help; and not __fish_seen_subcommand_from provision info status scan reset reprov send check discover sec2-creds qr batch factory-data sim completions esp-prov man help" -f -a "factory-data" -d 'Generate per-device credentials: partition images, label QR payloads and a batch manifest'
complete -c esprov -n "__fish_esprov_using_subcommand help; and not __fish_seen_subcommand_from provision info status scan reset reprov send check discover sec2-creds qr batch factory-data sim completions esp-prov man help" -f -a "sim" -d 'Run one or more virtual ESP32 devices (HTTP, mDNS, console) for tests and demos'
complete -c esprov -n "__fish_esprov_using_subcommand help; and not __fish_seen_subcommand_from provision info status scan reset reprov send check discover sec2-creds qr batch factory-data sim completions esp-prov man help" -f -a "completions" -d 'Print a shell completion script'
complete -c esprov -n "__fish_esprov_using_subcommand help; and not __fish_seen_subcommand_from provision info status scan reset reprov send check discover sec2-creds qr batch factory-data sim completions esp-prov man help" -f -a "esp-prov" -d 'Run with esp_prov.py\'s options, so existing scripts work unchanged (our exit codes)'
complete -c esprov -n "__fish_esprov_using_subcommand help; and not __fish_seen_subcommand_from provision info status scan reset reprov send check discover sec2-creds qr batch factory-data sim completions esp-prov man help" -f -a "man" -d 'Write a man page for esprov and each of its commands'
complete -c esprov -n "__fish_esprov_using_subcommand help; and not __fish_seen_subcommand_from provision info status scan reset reprov send check discover sec2-creds qr batch factory-data sim completions esp-prov man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
