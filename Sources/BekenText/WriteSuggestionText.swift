import BekenChips
import BekenImage

// The write planner's typed suggestions in words for people (bktool's own commands), shared by the CLI and the page.

extension WriteSuggestion {
    public func text(_ words: FrontEndWords) -> String {
        switch self {
        case .unrotateFirst: "un-rotate first: \(words.unrotate), then write OUT"
        case .uploadOTA(let firmware): "upload it to a running OpenBeken (POST /api/ota), or flash \(firmware) over UART"
        case .useBuild(let chip, let firmware): "use the \(chip.displayName) build (\(firmware))"
        case .useUF2Tool(let firmware): "use ltchiptool flash write FILE, or the \(firmware) file"
        case .flashFirmwareInstead(let firmware, true):
            "keep it as a record and flash a firmware image instead, e.g. bktool flash \(firmware)"
        case .flashFirmwareInstead(let firmware, false): "flash a firmware image instead, e.g. bktool flash \(firmware)"
        case .readTuyaSettings: "read the device settings from it with bktool tuya-config FILE"
        case .writeOpenBekenConfig: "write it with bktool obk-config"
        case .eraseInstead: "to erase, use bktool erase-region START LENGTH"
        case .flashBuiltImage: "flash the *_QIO_*.bin or *_UA_*.bin built from it"
        case .useFirmwareImage: "use a QIO (full) or UA (app-only) .bin; check files with bktool inspect FILE"
        case .useBuildForKey(let firmware): "use a build for this chip's key (\(firmware)), or check the chip with bktool chip-info"
        case .getGoodCopy: "get a good copy of the file (download it again, or read the flash again)"
        case .writeAppAt(let offset): "bktool write-flash \(hexAddress(offset)) FILE"
        case .writeImageAtZero(let appOffset):
            "bktool write-flash 0x0 FILE (the bootloader part is skipped and the rest goes to \(hexAddress(appOffset)))"
        case .keepOwnBootloader(true): "write without the bootloader: bktool write-flash 0x0 FILE keeps the chip's own bootloader"
        case .keepOwnBootloader(false): "write without the bootloader: bktool write-flash 0x0 FILE"
        }
    }
}

extension WriteRefusal {
    public func hintText(_ words: FrontEndWords) -> String { suggestion.text(words) }
}
