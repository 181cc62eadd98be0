
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'esprov' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'esprov'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'esprov' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('provision', 'provision', [CompletionResultType]::ParameterValue, 'Send Wi-Fi credentials to a device, apply them and wait until it joins the network')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show the device''s protocol version, capabilities and the security it wants')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Open a session and show the device''s Wi-Fi (or Thread) connection state')
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, 'Ask the device to scan for access points (or Thread networks) and list them')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'After a failed attempt, make the device accept new credentials (prov-ctrl reset)')
            [CompletionResult]::new('reprov', 'reprov', [CompletionResultType]::ParameterValue, 'After a success, make the device take new credentials (prov-ctrl reprov)')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send bytes to a custom endpoint, encrypted like any other, and print the answer')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Run the conformance suite against a device: pass, fail or skip per check (JUnit with --junit)')
            [CompletionResult]::new('discover', 'discover', [CompletionResultType]::ParameterValue, 'Find provisioning devices on the local network (mDNS) and over BLE')
            [CompletionResult]::new('sec2-creds', 'sec2-creds', [CompletionResultType]::ParameterValue, 'Generate a security 2 salt and verifier for firmware')
            [CompletionResult]::new('qr', 'qr', [CompletionResultType]::ParameterValue, 'Print a device''s QR payload as a terminal QR code and as JSON')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Provision every device of a manifest (CSV or JSON Lines), with a durable report')
            [CompletionResult]::new('factory-data', 'factory-data', [CompletionResultType]::ParameterValue, 'Generate per-device credentials: partition images, label QR payloads and a batch manifest')
            [CompletionResult]::new('sim', 'sim', [CompletionResultType]::ParameterValue, 'Run one or more virtual ESP32 devices (HTTP, mDNS, console) for tests and demos')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('esp-prov', 'esp-prov', [CompletionResultType]::ParameterValue, 'Run with esp_prov.py''s options, so existing scripts work unchanged (our exit codes)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write a man page for esprov and each of its commands')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'esprov;provision' {
            [CompletionResult]::new('--ssid', '--ssid', [CompletionResultType]::ParameterName, 'SSID of the access point the device should join; on a terminal, omit it to pick from a scan')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Passphrase of the access point (empty for an open network); or ESPROV_PASSPHRASE')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from a file, or from stdin with `-`')
            [CompletionResult]::new('--bssid', '--bssid', [CompletionResultType]::ParameterName, 'Send this access point BSSID (aa:bb:cc:dd:ee:ff) in SetConfig; ESP-IDF''s managers ignore it')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Send this channel hint in SetConfig; ESP-IDF''s managers ignore it')
            [CompletionResult]::new('--dataset-tlvs', '--dataset-tlvs', [CompletionResultType]::ParameterName, 'The dataset as hex TLVs (`ot-ctl dataset active -x`); it holds the network key, so prefer --dataset-file or ESPROV_DATASET')
            [CompletionResult]::new('--dataset-file', '--dataset-file', [CompletionResultType]::ParameterName, 'Read the dataset hex from a file, or from stdin with `-`')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'HTTP address of the device (default 192.168.4.1, port 80: join its SoftAP first)')
            [CompletionResult]::new('--mdns', '--mdns', [CompletionResultType]::ParameterName, 'Find the device by its mDNS service instance name')
            [CompletionResult]::new('--mdns-interface', '--mdns-interface', [CompletionResultType]::ParameterName, 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'A device''s QR payload: fills name, PoP, username and transport')
            [CompletionResult]::new('--ble', '--ble', [CompletionResultType]::ParameterName, 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address')
            [CompletionResult]::new('--ble-prefix', '--ble-prefix', [CompletionResultType]::ParameterName, 'Name prefix that marks provisioning devices in BLE scans [default: PROV_]')
            [CompletionResult]::new('--service-uuid', '--service-uuid', [CompletionResultType]::ParameterName, 'The provisioning GATT service UUID, for devices with a custom one')
            [CompletionResult]::new('--adapter', '--adapter', [CompletionResultType]::ParameterName, 'Bluetooth adapter to use (e.g. hci0); the first one by default')
            [CompletionResult]::new('--ble-retries', '--ble-retries', [CompletionResultType]::ParameterName, 'Retry a failed BLE connect or GATT discovery this many times [default: 0]')
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'Reach the device''s console over a serial port or PTY (e.g. /dev/ttyUSB0)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Serial baud rate [default: 115200]')
            [CompletionResult]::new('--line-limit', '--line-limit', [CompletionResultType]::ParameterName, 'Refuse requests whose console line, CR included, would exceed this many bytes (stock ESP-IDF: 255, i.e. 254 characters and the CR)')
            [CompletionResult]::new('--sec', '--sec', [CompletionResultType]::ParameterName, 'Security scheme. `auto` follows the device''s proto-ver but never goes below what your credentials ask for (--pop: 1 with PoP or 2; --username/--password: 2), and sends Wi-Fi credentials over security 0 only when you pass `--sec 0` yourself')
            [CompletionResult]::new('--pop', '--pop', [CompletionResultType]::ParameterName, 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt')
            [CompletionResult]::new('--pop-file', '--pop-file', [CompletionResultType]::ParameterName, 'Read the PoP from a file, or from stdin with `-`')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Security 2 SRP username')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the SRP password from a file, or from stdin with `-`')
            [CompletionResult]::new('--sec2-salt-mode', '--sec2-salt-mode', [CompletionResultType]::ParameterName, 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on the whole run, in seconds')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Bound on each request and its answer, in seconds (HTTP, BLE and console alike)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`')
            [CompletionResult]::new('--reset-board', '--reset-board', [CompletionResultType]::ParameterName, 'Reset the board into its app first (RTS pulse, DTR released); without it the port opens with both lines released, so a dev board keeps running')
            [CompletionResult]::new('--console-manual', '--console-manual', [CompletionResultType]::ParameterName, 'Relay console lines by hand: print each request, paste the device''s answer')
            [CompletionResult]::new('--thread', '--thread', [CompletionResultType]::ParameterName, 'Attach to Thread even on a device that also offers Wi-Fi (without a dataset: pick from the device''s Thread scan and type the network key)')
            [CompletionResult]::new('--sim', '--sim', [CompletionResultType]::ParameterName, 'Start the built-in virtual device with this SSID and passphrase, then provision it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout: one JSON event per line (NDJSON)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esprov;info' {
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'HTTP address of the device (default 192.168.4.1, port 80: join its SoftAP first)')
            [CompletionResult]::new('--mdns', '--mdns', [CompletionResultType]::ParameterName, 'Find the device by its mDNS service instance name')
            [CompletionResult]::new('--mdns-interface', '--mdns-interface', [CompletionResultType]::ParameterName, 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'A device''s QR payload: fills name, PoP, username and transport')
            [CompletionResult]::new('--ble', '--ble', [CompletionResultType]::ParameterName, 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address')
            [CompletionResult]::new('--ble-prefix', '--ble-prefix', [CompletionResultType]::ParameterName, 'Name prefix that marks provisioning devices in BLE scans [default: PROV_]')
            [CompletionResult]::new('--service-uuid', '--service-uuid', [CompletionResultType]::ParameterName, 'The provisioning GATT service UUID, for devices with a custom one')
            [CompletionResult]::new('--adapter', '--adapter', [CompletionResultType]::ParameterName, 'Bluetooth adapter to use (e.g. hci0); the first one by default')
            [CompletionResult]::new('--ble-retries', '--ble-retries', [CompletionResultType]::ParameterName, 'Retry a failed BLE connect or GATT discovery this many times [default: 0]')
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'Reach the device''s console over a serial port or PTY (e.g. /dev/ttyUSB0)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Serial baud rate [default: 115200]')
            [CompletionResult]::new('--line-limit', '--line-limit', [CompletionResultType]::ParameterName, 'Refuse requests whose console line, CR included, would exceed this many bytes (stock ESP-IDF: 255, i.e. 254 characters and the CR)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on the whole run, in seconds')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Bound on each request and its answer, in seconds (HTTP, BLE and console alike)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`')
            [CompletionResult]::new('--reset-board', '--reset-board', [CompletionResultType]::ParameterName, 'Reset the board into its app first (RTS pulse, DTR released); without it the port opens with both lines released, so a dev board keeps running')
            [CompletionResult]::new('--console-manual', '--console-manual', [CompletionResultType]::ParameterName, 'Relay console lines by hand: print each request, paste the device''s answer')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout: one JSON object')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esprov;status' {
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'HTTP address of the device (default 192.168.4.1, port 80: join its SoftAP first)')
            [CompletionResult]::new('--mdns', '--mdns', [CompletionResultType]::ParameterName, 'Find the device by its mDNS service instance name')
            [CompletionResult]::new('--mdns-interface', '--mdns-interface', [CompletionResultType]::ParameterName, 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'A device''s QR payload: fills name, PoP, username and transport')
            [CompletionResult]::new('--ble', '--ble', [CompletionResultType]::ParameterName, 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address')
            [CompletionResult]::new('--ble-prefix', '--ble-prefix', [CompletionResultType]::ParameterName, 'Name prefix that marks provisioning devices in BLE scans [default: PROV_]')
            [CompletionResult]::new('--service-uuid', '--service-uuid', [CompletionResultType]::ParameterName, 'The provisioning GATT service UUID, for devices with a custom one')
            [CompletionResult]::new('--adapter', '--adapter', [CompletionResultType]::ParameterName, 'Bluetooth adapter to use (e.g. hci0); the first one by default')
            [CompletionResult]::new('--ble-retries', '--ble-retries', [CompletionResultType]::ParameterName, 'Retry a failed BLE connect or GATT discovery this many times [default: 0]')
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'Reach the device''s console over a serial port or PTY (e.g. /dev/ttyUSB0)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Serial baud rate [default: 115200]')
            [CompletionResult]::new('--line-limit', '--line-limit', [CompletionResultType]::ParameterName, 'Refuse requests whose console line, CR included, would exceed this many bytes (stock ESP-IDF: 255, i.e. 254 characters and the CR)')
            [CompletionResult]::new('--sec', '--sec', [CompletionResultType]::ParameterName, 'Security scheme. `auto` follows the device''s proto-ver but never goes below what your credentials ask for (--pop: 1 with PoP or 2; --username/--password: 2), and sends Wi-Fi credentials over security 0 only when you pass `--sec 0` yourself')
            [CompletionResult]::new('--pop', '--pop', [CompletionResultType]::ParameterName, 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt')
            [CompletionResult]::new('--pop-file', '--pop-file', [CompletionResultType]::ParameterName, 'Read the PoP from a file, or from stdin with `-`')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Security 2 SRP username')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the SRP password from a file, or from stdin with `-`')
            [CompletionResult]::new('--sec2-salt-mode', '--sec2-salt-mode', [CompletionResultType]::ParameterName, 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on the whole run, in seconds')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Bound on each request and its answer, in seconds (HTTP, BLE and console alike)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`')
            [CompletionResult]::new('--reset-board', '--reset-board', [CompletionResultType]::ParameterName, 'Reset the board into its app first (RTS pulse, DTR released); without it the port opens with both lines released, so a dev board keeps running')
            [CompletionResult]::new('--console-manual', '--console-manual', [CompletionResultType]::ParameterName, 'Relay console lines by hand: print each request, paste the device''s answer')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout: one JSON object')
            [CompletionResult]::new('--thread', '--thread', [CompletionResultType]::ParameterName, 'Thread instead of Wi-Fi (the default on a device that provisions Thread only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esprov;scan' {
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'HTTP address of the device (default 192.168.4.1, port 80: join its SoftAP first)')
            [CompletionResult]::new('--mdns', '--mdns', [CompletionResultType]::ParameterName, 'Find the device by its mDNS service instance name')
            [CompletionResult]::new('--mdns-interface', '--mdns-interface', [CompletionResultType]::ParameterName, 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'A device''s QR payload: fills name, PoP, username and transport')
            [CompletionResult]::new('--ble', '--ble', [CompletionResultType]::ParameterName, 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address')
            [CompletionResult]::new('--ble-prefix', '--ble-prefix', [CompletionResultType]::ParameterName, 'Name prefix that marks provisioning devices in BLE scans [default: PROV_]')
            [CompletionResult]::new('--service-uuid', '--service-uuid', [CompletionResultType]::ParameterName, 'The provisioning GATT service UUID, for devices with a custom one')
            [CompletionResult]::new('--adapter', '--adapter', [CompletionResultType]::ParameterName, 'Bluetooth adapter to use (e.g. hci0); the first one by default')
            [CompletionResult]::new('--ble-retries', '--ble-retries', [CompletionResultType]::ParameterName, 'Retry a failed BLE connect or GATT discovery this many times [default: 0]')
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'Reach the device''s console over a serial port or PTY (e.g. /dev/ttyUSB0)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Serial baud rate [default: 115200]')
            [CompletionResult]::new('--line-limit', '--line-limit', [CompletionResultType]::ParameterName, 'Refuse requests whose console line, CR included, would exceed this many bytes (stock ESP-IDF: 255, i.e. 254 characters and the CR)')
            [CompletionResult]::new('--sec', '--sec', [CompletionResultType]::ParameterName, 'Security scheme. `auto` follows the device''s proto-ver but never goes below what your credentials ask for (--pop: 1 with PoP or 2; --username/--password: 2), and sends Wi-Fi credentials over security 0 only when you pass `--sec 0` yourself')
            [CompletionResult]::new('--pop', '--pop', [CompletionResultType]::ParameterName, 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt')
            [CompletionResult]::new('--pop-file', '--pop-file', [CompletionResultType]::ParameterName, 'Read the PoP from a file, or from stdin with `-`')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Security 2 SRP username')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the SRP password from a file, or from stdin with `-`')
            [CompletionResult]::new('--sec2-salt-mode', '--sec2-salt-mode', [CompletionResultType]::ParameterName, 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on the whole run, in seconds')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Bound on each request and its answer, in seconds (HTTP, BLE and console alike)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`')
            [CompletionResult]::new('--reset-board', '--reset-board', [CompletionResultType]::ParameterName, 'Reset the board into its app first (RTS pulse, DTR released); without it the port opens with both lines released, so a dev board keeps running')
            [CompletionResult]::new('--console-manual', '--console-manual', [CompletionResultType]::ParameterName, 'Relay console lines by hand: print each request, paste the device''s answer')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout: one JSON object')
            [CompletionResult]::new('--thread', '--thread', [CompletionResultType]::ParameterName, 'Thread instead of Wi-Fi (the default on a device that provisions Thread only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esprov;reset' {
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'HTTP address of the device (default 192.168.4.1, port 80: join its SoftAP first)')
            [CompletionResult]::new('--mdns', '--mdns', [CompletionResultType]::ParameterName, 'Find the device by its mDNS service instance name')
            [CompletionResult]::new('--mdns-interface', '--mdns-interface', [CompletionResultType]::ParameterName, 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'A device''s QR payload: fills name, PoP, username and transport')
            [CompletionResult]::new('--ble', '--ble', [CompletionResultType]::ParameterName, 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address')
            [CompletionResult]::new('--ble-prefix', '--ble-prefix', [CompletionResultType]::ParameterName, 'Name prefix that marks provisioning devices in BLE scans [default: PROV_]')
            [CompletionResult]::new('--service-uuid', '--service-uuid', [CompletionResultType]::ParameterName, 'The provisioning GATT service UUID, for devices with a custom one')
            [CompletionResult]::new('--adapter', '--adapter', [CompletionResultType]::ParameterName, 'Bluetooth adapter to use (e.g. hci0); the first one by default')
            [CompletionResult]::new('--ble-retries', '--ble-retries', [CompletionResultType]::ParameterName, 'Retry a failed BLE connect or GATT discovery this many times [default: 0]')
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'Reach the device''s console over a serial port or PTY (e.g. /dev/ttyUSB0)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Serial baud rate [default: 115200]')
            [CompletionResult]::new('--line-limit', '--line-limit', [CompletionResultType]::ParameterName, 'Refuse requests whose console line, CR included, would exceed this many bytes (stock ESP-IDF: 255, i.e. 254 characters and the CR)')
            [CompletionResult]::new('--sec', '--sec', [CompletionResultType]::ParameterName, 'Security scheme. `auto` follows the device''s proto-ver but never goes below what your credentials ask for (--pop: 1 with PoP or 2; --username/--password: 2), and sends Wi-Fi credentials over security 0 only when you pass `--sec 0` yourself')
            [CompletionResult]::new('--pop', '--pop', [CompletionResultType]::ParameterName, 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt')
            [CompletionResult]::new('--pop-file', '--pop-file', [CompletionResultType]::ParameterName, 'Read the PoP from a file, or from stdin with `-`')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Security 2 SRP username')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the SRP password from a file, or from stdin with `-`')
            [CompletionResult]::new('--sec2-salt-mode', '--sec2-salt-mode', [CompletionResultType]::ParameterName, 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on the whole run, in seconds')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Bound on each request and its answer, in seconds (HTTP, BLE and console alike)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`')
            [CompletionResult]::new('--reset-board', '--reset-board', [CompletionResultType]::ParameterName, 'Reset the board into its app first (RTS pulse, DTR released); without it the port opens with both lines released, so a dev board keeps running')
            [CompletionResult]::new('--console-manual', '--console-manual', [CompletionResultType]::ParameterName, 'Relay console lines by hand: print each request, paste the device''s answer')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout: one JSON object')
            [CompletionResult]::new('--thread', '--thread', [CompletionResultType]::ParameterName, 'Thread instead of Wi-Fi (the default on a device that provisions Thread only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esprov;reprov' {
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'HTTP address of the device (default 192.168.4.1, port 80: join its SoftAP first)')
            [CompletionResult]::new('--mdns', '--mdns', [CompletionResultType]::ParameterName, 'Find the device by its mDNS service instance name')
            [CompletionResult]::new('--mdns-interface', '--mdns-interface', [CompletionResultType]::ParameterName, 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'A device''s QR payload: fills name, PoP, username and transport')
            [CompletionResult]::new('--ble', '--ble', [CompletionResultType]::ParameterName, 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address')
            [CompletionResult]::new('--ble-prefix', '--ble-prefix', [CompletionResultType]::ParameterName, 'Name prefix that marks provisioning devices in BLE scans [default: PROV_]')
            [CompletionResult]::new('--service-uuid', '--service-uuid', [CompletionResultType]::ParameterName, 'The provisioning GATT service UUID, for devices with a custom one')
            [CompletionResult]::new('--adapter', '--adapter', [CompletionResultType]::ParameterName, 'Bluetooth adapter to use (e.g. hci0); the first one by default')
            [CompletionResult]::new('--ble-retries', '--ble-retries', [CompletionResultType]::ParameterName, 'Retry a failed BLE connect or GATT discovery this many times [default: 0]')
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'Reach the device''s console over a serial port or PTY (e.g. /dev/ttyUSB0)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Serial baud rate [default: 115200]')
            [CompletionResult]::new('--line-limit', '--line-limit', [CompletionResultType]::ParameterName, 'Refuse requests whose console line, CR included, would exceed this many bytes (stock ESP-IDF: 255, i.e. 254 characters and the CR)')
            [CompletionResult]::new('--sec', '--sec', [CompletionResultType]::ParameterName, 'Security scheme. `auto` follows the device''s proto-ver but never goes below what your credentials ask for (--pop: 1 with PoP or 2; --username/--password: 2), and sends Wi-Fi credentials over security 0 only when you pass `--sec 0` yourself')
            [CompletionResult]::new('--pop', '--pop', [CompletionResultType]::ParameterName, 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt')
            [CompletionResult]::new('--pop-file', '--pop-file', [CompletionResultType]::ParameterName, 'Read the PoP from a file, or from stdin with `-`')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Security 2 SRP username')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the SRP password from a file, or from stdin with `-`')
            [CompletionResult]::new('--sec2-salt-mode', '--sec2-salt-mode', [CompletionResultType]::ParameterName, 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on the whole run, in seconds')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Bound on each request and its answer, in seconds (HTTP, BLE and console alike)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`')
            [CompletionResult]::new('--reset-board', '--reset-board', [CompletionResultType]::ParameterName, 'Reset the board into its app first (RTS pulse, DTR released); without it the port opens with both lines released, so a dev board keeps running')
            [CompletionResult]::new('--console-manual', '--console-manual', [CompletionResultType]::ParameterName, 'Relay console lines by hand: print each request, paste the device''s answer')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout: one JSON object')
            [CompletionResult]::new('--thread', '--thread', [CompletionResultType]::ParameterName, 'Thread instead of Wi-Fi (the default on a device that provisions Thread only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esprov;send' {
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Send this text')
            [CompletionResult]::new('--hex', '--hex', [CompletionResultType]::ParameterName, 'Send these bytes, written as hex')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Send the contents of a file, or of stdin with `-`')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'HTTP address of the device (default 192.168.4.1, port 80: join its SoftAP first)')
            [CompletionResult]::new('--mdns', '--mdns', [CompletionResultType]::ParameterName, 'Find the device by its mDNS service instance name')
            [CompletionResult]::new('--mdns-interface', '--mdns-interface', [CompletionResultType]::ParameterName, 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'A device''s QR payload: fills name, PoP, username and transport')
            [CompletionResult]::new('--ble', '--ble', [CompletionResultType]::ParameterName, 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address')
            [CompletionResult]::new('--ble-prefix', '--ble-prefix', [CompletionResultType]::ParameterName, 'Name prefix that marks provisioning devices in BLE scans [default: PROV_]')
            [CompletionResult]::new('--service-uuid', '--service-uuid', [CompletionResultType]::ParameterName, 'The provisioning GATT service UUID, for devices with a custom one')
            [CompletionResult]::new('--adapter', '--adapter', [CompletionResultType]::ParameterName, 'Bluetooth adapter to use (e.g. hci0); the first one by default')
            [CompletionResult]::new('--ble-retries', '--ble-retries', [CompletionResultType]::ParameterName, 'Retry a failed BLE connect or GATT discovery this many times [default: 0]')
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'Reach the device''s console over a serial port or PTY (e.g. /dev/ttyUSB0)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Serial baud rate [default: 115200]')
            [CompletionResult]::new('--line-limit', '--line-limit', [CompletionResultType]::ParameterName, 'Refuse requests whose console line, CR included, would exceed this many bytes (stock ESP-IDF: 255, i.e. 254 characters and the CR)')
            [CompletionResult]::new('--sec', '--sec', [CompletionResultType]::ParameterName, 'Security scheme. `auto` follows the device''s proto-ver but never goes below what your credentials ask for (--pop: 1 with PoP or 2; --username/--password: 2), and sends Wi-Fi credentials over security 0 only when you pass `--sec 0` yourself')
            [CompletionResult]::new('--pop', '--pop', [CompletionResultType]::ParameterName, 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt')
            [CompletionResult]::new('--pop-file', '--pop-file', [CompletionResultType]::ParameterName, 'Read the PoP from a file, or from stdin with `-`')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Security 2 SRP username')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the SRP password from a file, or from stdin with `-`')
            [CompletionResult]::new('--sec2-salt-mode', '--sec2-salt-mode', [CompletionResultType]::ParameterName, 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on the whole run, in seconds')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Bound on each request and its answer, in seconds (HTTP, BLE and console alike)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`')
            [CompletionResult]::new('--reset-board', '--reset-board', [CompletionResultType]::ParameterName, 'Reset the board into its app first (RTS pulse, DTR released); without it the port opens with both lines released, so a dev board keeps running')
            [CompletionResult]::new('--console-manual', '--console-manual', [CompletionResultType]::ParameterName, 'Relay console lines by hand: print each request, paste the device''s answer')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout: one JSON object')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esprov;check' {
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'HTTP address of the device (default 192.168.4.1, port 80: join its SoftAP first)')
            [CompletionResult]::new('--mdns', '--mdns', [CompletionResultType]::ParameterName, 'Find the device by its mDNS service instance name')
            [CompletionResult]::new('--mdns-interface', '--mdns-interface', [CompletionResultType]::ParameterName, 'Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'A device''s QR payload: fills name, PoP, username and transport')
            [CompletionResult]::new('--ble', '--ble', [CompletionResultType]::ParameterName, 'Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address')
            [CompletionResult]::new('--ble-prefix', '--ble-prefix', [CompletionResultType]::ParameterName, 'Name prefix that marks provisioning devices in BLE scans [default: PROV_]')
            [CompletionResult]::new('--service-uuid', '--service-uuid', [CompletionResultType]::ParameterName, 'The provisioning GATT service UUID, for devices with a custom one')
            [CompletionResult]::new('--adapter', '--adapter', [CompletionResultType]::ParameterName, 'Bluetooth adapter to use (e.g. hci0); the first one by default')
            [CompletionResult]::new('--ble-retries', '--ble-retries', [CompletionResultType]::ParameterName, 'Retry a failed BLE connect or GATT discovery this many times [default: 0]')
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'Reach the device''s console over a serial port or PTY (e.g. /dev/ttyUSB0)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Serial baud rate [default: 115200]')
            [CompletionResult]::new('--line-limit', '--line-limit', [CompletionResultType]::ParameterName, 'Refuse requests whose console line, CR included, would exceed this many bytes (stock ESP-IDF: 255, i.e. 254 characters and the CR)')
            [CompletionResult]::new('--sec', '--sec', [CompletionResultType]::ParameterName, 'Security scheme. `auto` follows the device''s proto-ver but never goes below what your credentials ask for (--pop: 1 with PoP or 2; --username/--password: 2), and sends Wi-Fi credentials over security 0 only when you pass `--sec 0` yourself')
            [CompletionResult]::new('--pop', '--pop', [CompletionResultType]::ParameterName, 'Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt')
            [CompletionResult]::new('--pop-file', '--pop-file', [CompletionResultType]::ParameterName, 'Read the PoP from a file, or from stdin with `-`')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Security 2 SRP username')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the SRP password from a file, or from stdin with `-`')
            [CompletionResult]::new('--sec2-salt-mode', '--sec2-salt-mode', [CompletionResultType]::ParameterName, 'Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on the whole run, in seconds')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Bound on each request and its answer, in seconds (HTTP, BLE and console alike)')
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Run only these groups or check ids (repeatable, or comma-separated)')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Leave out these check ids or groups (repeatable, or comma-separated)')
            [CompletionResult]::new('--ssid', '--ssid', [CompletionResultType]::ParameterName, 'SSID of the access point for the Wi-Fi checks (without it they are skipped)')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Passphrase of that access point; or ESPROV_PASSPHRASE, --passphrase-file, or a prompt')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from a file, or from stdin with `-`')
            [CompletionResult]::new('--bad-passphrase', '--bad-passphrase', [CompletionResultType]::ParameterName, 'A passphrase the access point refuses (default: a generated one)')
            [CompletionResult]::new('--dataset-tlvs', '--dataset-tlvs', [CompletionResultType]::ParameterName, 'The Thread dataset for the Thread checks, as hex TLVs (`ot-ctl dataset active -x`); it holds the network key, so prefer --dataset-file or ESPROV_DATASET')
            [CompletionResult]::new('--dataset-file', '--dataset-file', [CompletionResultType]::ParameterName, 'Read the Thread dataset hex from a file, or from stdin with `-`')
            [CompletionResult]::new('--custom-endpoint', '--custom-endpoint', [CompletionResultType]::ParameterName, 'A custom endpoint to call (`custom.endpoint`)')
            [CompletionResult]::new('--custom-data', '--custom-data', [CompletionResultType]::ParameterName, 'The text to send to --custom-endpoint')
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'The text --custom-endpoint must answer (one trailing NUL tolerated)')
            [CompletionResult]::new('--expect-hex', '--expect-hex', [CompletionResultType]::ParameterName, 'The bytes --custom-endpoint must answer, written as hex')
            [CompletionResult]::new('--max-handshake-ms', '--max-handshake-ms', [CompletionResultType]::ParameterName, 'Fail timing.handshake above this many milliseconds')
            [CompletionResult]::new('--max-connect-ms', '--max-connect-ms', [CompletionResultType]::ParameterName, 'Fail timing.connect above this many milliseconds')
            [CompletionResult]::new('--junit', '--junit', [CompletionResultType]::ParameterName, 'Also write the report as JUnit XML to this file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`')
            [CompletionResult]::new('--reset-board', '--reset-board', [CompletionResultType]::ParameterName, 'Reset the board into its app first (RTS pulse, DTR released); without it the port opens with both lines released, so a dev board keeps running')
            [CompletionResult]::new('--console-manual', '--console-manual', [CompletionResultType]::ParameterName, 'Relay console lines by hand: print each request, paste the device''s answer')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout: one JSON object')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List the checks (id, group, description) and exit; no device needed')
            [CompletionResult]::new('--destructive', '--destructive', [CompletionResultType]::ParameterName, 'Also run the robustness group: malformed, random and oversized requests')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esprov;discover' {
            [CompletionResult]::new('--mdns-interface', '--mdns-interface', [CompletionResultType]::ParameterName, 'Listen for mDNS on one interface only: a name (`eth0`, `lo`) or an IP address')
            [CompletionResult]::new('--ble-prefix', '--ble-prefix', [CompletionResultType]::ParameterName, 'Name prefix that marks provisioning devices in BLE scans [default: PROV_]')
            [CompletionResult]::new('--service-uuid', '--service-uuid', [CompletionResultType]::ParameterName, 'The provisioning GATT service UUID, for devices with a custom one')
            [CompletionResult]::new('--adapter', '--adapter', [CompletionResultType]::ParameterName, 'Bluetooth adapter to use (e.g. hci0); the first one by default')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to listen for answers, in seconds')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`')
            [CompletionResult]::new('--ble', '--ble', [CompletionResultType]::ParameterName, 'Scan BLE advertisements (with neither --ble nor --mdns: both)')
            [CompletionResult]::new('--mdns', '--mdns', [CompletionResultType]::ParameterName, 'Browse mDNS (with neither --ble nor --mdns: both)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout: one JSON object')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esprov;sec2-creds' {
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'SRP username')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'SRP password; or ESPROV_PASSWORD, --password-file, or a prompt')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from a file, or from stdin with `-`')
            [CompletionResult]::new('--salt-len', '--salt-len', [CompletionResultType]::ParameterName, 'Salt length in bytes')
            [CompletionResult]::new('--sec2-salt-mode', '--sec2-salt-mode', [CompletionResultType]::ParameterName, 'x convention: `full` (ESP-IDF, Android) or `strip` (esp_prov''s leading-zero stripping)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esprov;qr' {
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'An existing payload to render (as printed by the firmware)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Service name: the BLE device name or the SoftAP SSID')
            [CompletionResult]::new('--transport', '--transport', [CompletionResultType]::ParameterName, 'Transport the phone app should use')
            [CompletionResult]::new('--sec', '--sec', [CompletionResultType]::ParameterName, 'Security scheme to state in the payload (the apps assume 2 when absent)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Security 2 username')
            [CompletionResult]::new('--pop', '--pop', [CompletionResultType]::ParameterName, 'PoP (security 1) or SRP password (security 2), which the payload carries in `pop`')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'The device''s SoftAP passphrase, which the phone apps use to join it (`password`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print only the JSON, no terminal QR code')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esprov;batch' {
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'The report: one JSON line per attempt, fsynced as written')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Devices provisioned at once')
            [CompletionResult]::new('--ble-per-adapter', '--ble-per-adapter', [CompletionResultType]::ParameterName, 'BLE devices provisioned at once per adapter')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of transient failures (unreachable, connection lost, timeout); BLE connects: --ble-retries')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on one attempt, in seconds, for rows without a `timeout` column')
            [CompletionResult]::new('--sec', '--sec', [CompletionResultType]::ParameterName, 'Security scheme for every row: `auto` decides from each device''s proto-ver')
            [CompletionResult]::new('--status-delay-ms', '--status-delay-ms', [CompletionResultType]::ParameterName, 'Wait this long after ApplyConfig before the first GetStatus, then poll every 100 ms (ESP-IDF v4.1+ starts joining 1 s after ApplyConfig; 0 for firmware that joins at once)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Continue the report: skip devices already ok, run the rest')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Validate the manifest and the report and print the plan; contact no device')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Stream events and the summary as NDJSON on stdout')
            [CompletionResult]::new('--no-group-commit', '--no-group-commit', [CompletionResultType]::ParameterName, 'One write + fsync per record instead of group commit (for measuring)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esprov;factory-data' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Directory for the outputs (created with mode 0700 if absent)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Number of devices (service names PREFIX + 6 random hex digits)')
            [CompletionResult]::new('--serials', '--serials', [CompletionResultType]::ParameterName, 'Serial numbers: one per line, or a CSV with a `serial` and an optional `device` column')
            [CompletionResult]::new('--ssid', '--ssid', [CompletionResultType]::ParameterName, 'The Wi-Fi network the batch manifest provisions the devices onto')
            [CompletionResult]::new('--sec', '--sec', [CompletionResultType]::ParameterName, 'Security scheme: 2 (SRP; the password never reaches the device) or 1 (PoP)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Security 2 SRP username, the same on every device')
            [CompletionResult]::new('--name-prefix', '--name-prefix', [CompletionResultType]::ParameterName, 'Service-name prefix (BLE name or SoftAP SSID), at most 26 bytes')
            [CompletionResult]::new('--transport', '--transport', [CompletionResultType]::ParameterName, 'The transport the label''s QR payload names')
            [CompletionResult]::new('--ble-service-uuid', '--ble-service-uuid', [CompletionResultType]::ParameterName, 'BLE service UUID to store, when the firmware should not use its default')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'The manifest''s device cell: {name}, {serial} and {index} are replaced [default: ble:{name}, or mdns:{name} with --transport softap]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print what was written as one JSON line (no secrets) instead of the file paths')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esprov;sim' {
            [CompletionResult]::new('--transport', '--transport', [CompletionResultType]::ParameterName, 'Transport to serve')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Address to bind HTTP to (loopback only by default)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'First TCP port; 0 picks free ports')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Number of devices, on consecutive ports with distinct names')
            [CompletionResult]::new('--tty', '--tty', [CompletionResultType]::ParameterName, 'PTY or serial path for the console transport (stdin/stdout when absent)')
            [CompletionResult]::new('--factory-data', '--factory-data', [CompletionResultType]::ParameterName, 'A factory-data image (from `esprov factory-data`) giving a device its name and security, which override --name, --sec, --pop, --username and --password; repeat for one device each')
            [CompletionResult]::new('--sec', '--sec', [CompletionResultType]::ParameterName, 'Security scheme')
            [CompletionResult]::new('--pop', '--pop', [CompletionResultType]::ParameterName, 'Proof of possession for security 1 (none when absent)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'SRP username for security 2')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'SRP password for security 2')
            [CompletionResult]::new('--sec-patch', '--sec-patch', [CompletionResultType]::ParameterName, 'Security 2 patch level (sec_patch_ver)')
            [CompletionResult]::new('--ap', '--ap', [CompletionResultType]::ParameterName, 'A simulated access point, SSID:PASSPHRASE (repeatable; or one in ESPROV_SIM_AP)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'Which manager the device runs: wifi (wifi_provisioning v1.1), thread or both (network_provisioning netprov-v1.2)')
            [CompletionResult]::new('--thread-network', '--thread-network', [CompletionResultType]::ParameterName, 'A simulated Thread network, NAME:PANID:CHANNEL:KEYHEX (repeatable; PANID decimal or 0x hex)')
            [CompletionResult]::new('--thread-attach-timeout-ms', '--thread-attach-timeout-ms', [CompletionResultType]::ParameterName, 'Milliseconds a Thread attach may take before the manager reports network not found')
            [CompletionResult]::new('--connect-delay-ms', '--connect-delay-ms', [CompletionResultType]::ParameterName, 'Milliseconds from apply_config to the simulated connection result')
            [CompletionResult]::new('--apply-delay-ms', '--apply-delay-ms', [CompletionResultType]::ParameterName, 'Milliseconds from apply_config to the Wi-Fi connect (ESP-IDF waits 1 s so the answer leaves first)')
            [CompletionResult]::new('--outcome', '--outcome', [CompletionResultType]::ParameterName, 'What the simulated Wi-Fi does with the credentials')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Service-name prefix; the name is PREFIX + 6 hex digits')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Directory for stored credentials (NVS stand-in); a temporary one when absent')
            [CompletionResult]::new('--conn-attempts', '--conn-attempts', [CompletionResultType]::ParameterName, 'Connection attempts before a failure is final (wifi_conn_attempts; 0 = ESP-IDF''s legacy behaviour: fail at once on auth/no-AP reasons)')
            [CompletionResult]::new('--autostop-timeout-ms', '--autostop-timeout-ms', [CompletionResultType]::ParameterName, 'Auto-stop this many ms after success when no GetStatus arrives (ESP-IDF: 30 s)')
            [CompletionResult]::new('--fault', '--fault', [CompletionResultType]::ParameterName, 'Misbehave on purpose, to test a conformance suite (repeatable)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`')
            [CompletionResult]::new('--stock-line-limit', '--stock-line-limit', [CompletionResultType]::ParameterName, 'Behave as stock ESP-IDF''s console: 254 characters + CR per line, longer lines in 255-byte pieces, only CR ends a line, byte-wise echo, stdout-framed answers, prompt 10 ms later')
            [CompletionResult]::new('--no-auto-stop', '--no-auto-stop', [CompletionResultType]::ParameterName, 'Keep provisioning running after success (disable_auto_stop), so reprov works')
            [CompletionResult]::new('--pty', '--pty', [CompletionResultType]::ParameterName, 'Serve the console on a new PTY and print its path, for `esprov --serial PATH`')
            [CompletionResult]::new('--mdns', '--mdns', [CompletionResultType]::ParameterName, 'Advertise over mDNS. Off by default: mdns-sd joins multicast groups on every interface')
            [CompletionResult]::new('--no-mdns', '--no-mdns', [CompletionResultType]::ParameterName, 'Accepted for older scripts; mDNS is off unless --mdns')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the ready line and events as JSON')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esprov;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esprov;esp-prov' {
            [CompletionResult]::new('--transport', '--transport', [CompletionResultType]::ParameterName, 'softap, httpd, ble or console')
            [CompletionResult]::new('--service_name', '--service_name', [CompletionResultType]::ParameterName, 'softap/httpd: HOST[:PORT] (default 192.168.4.1:80); ble: the device name')
            [CompletionResult]::new('--proto_ver', '--proto_ver', [CompletionResultType]::ParameterName, 'Require this protocol version (the raw proto-ver answer or its prov.ver)')
            [CompletionResult]::new('--sec_ver', '--sec_ver', [CompletionResultType]::ParameterName, 'Security scheme 0, 1 or 2; auto-detected when absent')
            [CompletionResult]::new('--pop', '--pop', [CompletionResultType]::ParameterName, 'Proof of possession for security 1 (or ESPROV_POP)')
            [CompletionResult]::new('--sec2_username', '--sec2_username', [CompletionResultType]::ParameterName, 'SRP username for security 2')
            [CompletionResult]::new('--sec2_pwd', '--sec2_pwd', [CompletionResultType]::ParameterName, 'SRP password for security 2 (or ESPROV_PASSWORD)')
            [CompletionResult]::new('--sec2_salt_len', '--sec2_salt_len', [CompletionResultType]::ParameterName, 'Salt length for --sec2_gen_cred')
            [CompletionResult]::new('--ssid', '--ssid', [CompletionResultType]::ParameterName, 'SSID of the access point; empty: scan on the device and choose')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Passphrase of the access point; asked for when absent (or ESPROV_PASSPHRASE)')
            [CompletionResult]::new('--network_proto', '--network_proto', [CompletionResultType]::ParameterName, 'network_provisioning''s `wifi` or `thread` (default: Thread on a Thread-only device)')
            [CompletionResult]::new('--dataset_tlvs', '--dataset_tlvs', [CompletionResultType]::ParameterName, 'Thread dataset TLVs as hex (network_provisioning); ESPROV_DATASET works too')
            [CompletionResult]::new('--custom_data', '--custom_data', [CompletionResultType]::ParameterName, 'Send this text to the `custom-data` endpoint after the session')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'esprov''s bound on the whole run, in seconds (esp_prov has none)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`')
            [CompletionResult]::new('--sec2_gen_cred', '--sec2_gen_cred', [CompletionResultType]::ParameterName, 'With --sec_ver 2: print a salt and verifier as C arrays and exit')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'Send CtrlReset (after a failed attempt) and exit')
            [CompletionResult]::new('--reprov', '--reprov', [CompletionResultType]::ParameterName, 'Send CtrlReprov (after a success) and exit')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esprov;man' {
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Where to write esprov.1 and esprov-COMMAND.1')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress lines or spinners on stderr; results and errors still print')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esprov;help' {
            [CompletionResult]::new('provision', 'provision', [CompletionResultType]::ParameterValue, 'Send Wi-Fi credentials to a device, apply them and wait until it joins the network')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show the device''s protocol version, capabilities and the security it wants')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Open a session and show the device''s Wi-Fi (or Thread) connection state')
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, 'Ask the device to scan for access points (or Thread networks) and list them')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'After a failed attempt, make the device accept new credentials (prov-ctrl reset)')
            [CompletionResult]::new('reprov', 'reprov', [CompletionResultType]::ParameterValue, 'After a success, make the device take new credentials (prov-ctrl reprov)')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send bytes to a custom endpoint, encrypted like any other, and print the answer')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Run the conformance suite against a device: pass, fail or skip per check (JUnit with --junit)')
            [CompletionResult]::new('discover', 'discover', [CompletionResultType]::ParameterValue, 'Find provisioning devices on the local network (mDNS) and over BLE')
            [CompletionResult]::new('sec2-creds', 'sec2-creds', [CompletionResultType]::ParameterValue, 'Generate a security 2 salt and verifier for firmware')
            [CompletionResult]::new('qr', 'qr', [CompletionResultType]::ParameterValue, 'Print a device''s QR payload as a terminal QR code and as JSON')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Provision every device of a manifest (CSV or JSON Lines), with a durable report')
            [CompletionResult]::new('factory-data', 'factory-data', [CompletionResultType]::ParameterValue, 'Generate per-device credentials: partition images, label QR payloads and a batch manifest')
            [CompletionResult]::new('sim', 'sim', [CompletionResultType]::ParameterValue, 'Run one or more virtual ESP32 devices (HTTP, mDNS, console) for tests and demos')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('esp-prov', 'esp-prov', [CompletionResultType]::ParameterValue, 'Run with esp_prov.py''s options, so existing scripts work unchanged (our exit codes)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write a man page for esprov and each of its commands')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'esprov;help;provision' {
            break
        }
        'esprov;help;info' {
            break
        }
        'esprov;help;status' {
            break
        }
        'esprov;help;scan' {
            break
        }
        'esprov;help;reset' {
            break
        }
        'esprov;help;reprov' {
            break
        }
        'esprov;help;send' {
            break
        }
        'esprov;help;check' {
            break
        }
        'esprov;help;discover' {
            break
        }
        'esprov;help;sec2-creds' {
            break
        }
        'esprov;help;qr' {
            break
        }
        'esprov;help;batch' {
            break
        }
        'esprov;help;factory-data' {
            break
        }
        'esprov;help;sim' {
            break
        }
        'esprov;help;completions' {
            break
        }
        'esprov;help;esp-prov' {
            break
        }
        'esprov;help;man' {
            break
        }
        'esprov;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
