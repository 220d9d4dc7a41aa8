import FirmwareReleases
import OpenBekenLAN

/// Network errors as sentences, hints and exit codes (1 operation failed, 2 bad input).
extension LANError: CLIFailureConvertible {
    var cliFailure: CLIFailure {
        let host = fact("host") ?? "the device"
        let message: String
        switch code {
        case .badAddress:
            message = "\"\(fact("address") ?? fact("range") ?? "")\" is not a usable address"
                + (fact("reason").map { ": \($0)" } ?? "")
        case .unreachable:
            message = "\(host) is unreachable (\(fact("reason") ?? "no answer"))"
        case .timedOut:
            message = "\(host) did not answer in time (while waiting to \(fact("stage") ?? "connect"))"
        case .badReply:
            message = "\(host) sent a reply bktool cannot read: \(fact("reason") ?? "malformed")"
        case .replyTooLarge:
            message = "\(host) sent more than \(fact("limit") ?? "the limit") for one request"
        case .authenticationRequired:
            message = "\(host) asks for a password (OpenBeken's web password is set)"
        case .authenticationFailed:
            message = "\(host) refused the password"
        case .notOpenBeken:
            message = "\(host) answers HTTP but is not OpenBeken (no /api/info, no OpenBeken STATUS 0)"
        case .tasmotaFound:
            message = "\(host) runs Tasmota \(fact("version") ?? "") (\(fact("name") ?? "")), not OpenBeken"
        case .deviceRefused:
            message = "\(host) refused \(fact("path") ?? "the request") (status \(fact("status") ?? "?")): \(fact("message") ?? "")"
        case .flashReadFailed:
            message = "reading flash at \(fact("address") ?? "?") from \(host) failed \(fact("tries") ?? "") times "
                + "(last: \(fact("last") ?? "?")); nothing was saved for this region"
        case .otaFileRejected:
            message = "the OTA file was refused: " + Self.otaReason(self)
        case .deviceDidNotReturn:
            message = "\(host) did not come back within \(fact("waited") ?? "the wait") after the reboot"
                + (fact("seenDown") == "no" ? " (it never went down: the reboot may not have happened)" : "")
        case .buildUnchanged:
            message = "\(host) came back still running \"\(fact("build") ?? "?")\", not version \(fact("expected") ?? "?")"
                + " — the update did not take"
        case .configNotConfirmed:
            message = "\(host) came back, but these settings did not read back as applied: "
                + (fact("fields") ?? fact("reason") ?? "?")
        case .badSetting:
            message = "cannot apply \(fact("field") ?? fact("chip") ?? "a setting")"
                + (fact("limit").map { " (limit: \($0))" } ?? "") + (fact("value").map { " (value \($0))" } ?? "")
        case .badDeviceList:
            message = "the device list cannot be read: \(fact("reason") ?? "")"
        }
        let bad: Set<Code> = [.badAddress, .otaFileRejected, .badSetting, .badDeviceList]
        return CLIFailure(bad.contains(code) ? .badInput : .operationFailed, code: code.rawValue, message,
                          hint: Self.hint(suggestion))
    }

    static func hint(_ suggestion: Suggestion) -> String {
        switch suggestion {
        case .checkAddressAndPower: return "check the address, that the device is powered and on this network"
        case .retryWithLongerTimeout: return "try again, or give a longer --timeout"
        case .givePassword: return "give the web password with --password"
        case .checkPassword: return "check the web password (user is always admin)"
        case .useTasmotaTools: return "use Tasmota's own web UI or tools for this device"
        case .checkItIsOpenBeken: return "check the address and port point at an OpenBeken device"
        case .retryLater: return "try again; if it keeps failing, power-cycle the device"
        case .pickOTAFile(let chip):
            let name = chip.isEmpty ? "OpenBK7231N_<version>.rbl" : "Open\(chip.uppercased())_<version>.rbl"
            return "use the OpenBeken OTA file for this chip, \(name) (`bktool firmware fetch --chip \(chip.isEmpty ? "CHIP" : chip.lowercased()) --kind ota`)"
        case .powerCycleAndCheck: return "power-cycle the device and check it with `bktool obk info`"
        case .checkSetting: return "see `bktool obk --help`"
        case .none: return ""
        }
    }

    static func otaReason(_ error: LANError) -> String {
        switch error.fact("reason") {
        case "tuya-ug": return "it is a Tuya UG file (for Tuya's own OTA), not an OpenBeken .rbl"
        case "ua-image": return "it is a UA image (app for UART flashing at 0x11000), not an OTA .rbl"
        case "qio-image": return "it is a QIO/whole-flash image for UART flashing, not an OTA .rbl"
        case "not-rbl": return "it is not an RBL OTA package (looks like \(error.fact("kind") ?? "something else"))"
        case "header-crc": return "its RBL header CRC is wrong (damaged file)"
        case "not-openbeken-rbl":
            return "its RBL header says encryption \(error.fact("encryption") ?? "?"), compression \(error.fact("compression") ?? "?");"
                + " OpenBeken's packages use AES (2) and gzip (1)"
        case "truncated": return "it is cut short (\(error.fact("size") ?? "?") of \(error.fact("expected") ?? "?") bytes)"
        case "payload-crc": return "its payload CRC-32 does not match the header (damaged file)"
        case "not-aes-blocks", "decrypt", "gunzip":
            return "it does not decrypt and unzip with OpenBeken's build key (not an OpenBeken package, or damaged)"
        case "raw-size": return "its app size \(error.fact("rawSize") ?? "?") is impossible"
        case "app-hash": return "the unpacked app does not match the header's hash (damaged file)"
        case "no-platform": return "the app inside names no OpenBeken platform, so its chip cannot be checked"
        case "other-chip":
            return "it is built for \(error.fact("fileChip") ?? "?"), this device is a \(error.fact("deviceChip") ?? "?")"
        default: return error.fact("reason") ?? "unknown reason"
        }
    }
}
