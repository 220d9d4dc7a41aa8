import BekenChips

/// Decides where a file goes on a chip, or refuses with the reason and the right command (refusal rules
/// after ltchiptool soc/bk72xx/binary.py detect_file_type and BK7231GUIFlashTool BK7231Flasher.cs isSectorModificationAllowed).
/// Pure: front ends call it before anything touches the chip.
public enum WritePlanner {
    /// Plans writing `file` to a `chip`. `requestedOffset` is the user's flash address (nil = decide);
    /// `includeBootloader` asks to write 0x0–0x10FFF too (only allowed where a ROM downloader survives).
    public static func plan(file: [UInt8], requestedOffset: Int?, chip: ChipKind,
                            includeBootloader: Bool = false) throws(WriteRefusal) -> WritePlan {
        try plan(for: DumpAnalyzer.analyze(file, target: chip), requestedOffset: requestedOffset, chip: chip,
                 includeBootloader: includeBootloader)
    }

    /// The same from a report (analysed with `target: chip` for the key and family checks).
    public static func plan(for report: DumpReport, requestedOffset: Int?, chip: ChipKind,
                            includeBootloader: Bool = false) throws(WriteRefusal) -> WritePlan {
        let firmware = "Open\(chip.displayName)_QIO_<version>.bin"
        switch report.kind {
        case .fullDump, .qioImage, .appImage:
            break
        case .rotatedDump:
            throw WriteRefusal(.rotatedDump,
                "this is a rotated full dump (old Easy Flasher backup: file 0x0 holds flash 0x11000); written as is, "
                + "the app would land on the bootloader",
                suggest: .unrotateFirst)
        case .otaPackage, .tuyaUG:
            let ota = chip.family.layout.ota.map { " (\(hex($0.start)) on a \(chip.displayName))" } ?? ""
            let what = report.kind == .tuyaUG ? "a Tuya UG OTA file" : "an OTA package (.rbl)"
            throw WriteRefusal(.otaPackage,
                "this is \(what) for the download partition\(ota), not a UART flash image",
                suggest: .uploadOTA(firmware: firmware))
        case .uf2:
            if let uf2 = report.uf2, !uf2.chipNames.isEmpty, !uf2.chipNames.contains(chip.rawValue) {
                throw WriteRefusal(.chipMismatch,
                    "this UF2 is for \(uf2.familyName ?? "another family"), not for a \(chip.displayName)",
                    suggest: .useBuild(chip: chip, firmware: firmware))
            }
            throw WriteRefusal(.unsupported, "UF2 containers are not written yet",
                               suggest: .useUF2Tool(firmware: firmware))
        case .efuseDump:
            throw WriteRefusal(.notFirmware,
                "this is an eFuse dump (\(report.fileSize) bytes), not firmware: it only records the chip's key",
                suggest: .flashFirmwareInstead(firmware: firmware, keepAsRecord: true))
        case .romDump:
            throw WriteRefusal(.notFirmware,
                "this is a BootROM dump (\(report.fileSize / 1024) KiB), not firmware: the ROM cannot be written",
                suggest: .flashFirmwareInstead(firmware: firmware, keepAsRecord: false))
        case .tuyaStorage:
            throw WriteRefusal(.notFirmware, "this is a Tuya KV storage region, not firmware",
                               suggest: .readTuyaSettings)
        case .openBekenConfig:
            let at = chip.family.layout.openBekenConfig.map { " (it belongs at \(hex($0)))" } ?? ""
            throw WriteRefusal(.notFirmware, "this is an OpenBeken config sector, not firmware\(at)",
                               suggest: .writeOpenBekenConfig)
        case .blank:
            throw WriteRefusal(.notFirmware, "the file is blank (all 0xFF): writing it only erases flash",
                               suggest: .eraseInstead)
        case .elf:
            throw WriteRefusal(.notFirmware, "this is an ELF executable, not a flash image",
                               suggest: .flashBuiltImage)
        case .unknown:
            throw WriteRefusal(.notFirmware, "unknown content: this is not a Beken firmware image",
                               suggest: .useFirmwareImage)
        }
        try checkChip(report, chip: chip, firmware: firmware)
        try checkApp(report)
        return try placement(report, requestedOffset: requestedOffset, chip: chip, includeBootloader: includeBootloader)
    }

    /// Family and key (a file whose bootloader CRC says T when the chip is N; zero-key vs Tuya key, as BK7231GUIFlashTool BK7231Flasher.cs doGenericSetup checks).
    static func checkChip(_ report: DumpReport, chip: ChipKind, firmware: String) throws(WriteRefusal) {
        var checked = report
        checked.targetChip = chip
        var reasons: [VerdictReason] = []
        VerdictBuilder.chipFindings(checked, &reasons)
        // The app decides what runs (the planner keeps the chip's own bootloader), so its message comes first.
        let targeted = reasons.filter { $0.code == .chipMismatch && $0.message.hasPrefix("this ") }
        if let reason = targeted.first(where: { $0.message.contains(" image ") }) ?? targeted.first {
            throw WriteRefusal(.chipMismatch, reason.message, suggest: .useBuild(chip: chip, firmware: firmware))
        }
        if let reason = reasons.first(where: { $0.code == .keyMismatch }) {
            throw WriteRefusal(.keyMismatch, reason.message,
                               suggest: .useBuildForKey(firmware: firmware))
        }
        if let reason = reasons.first(where: { $0.code == .chipMismatch }) {
            throw WriteRefusal(.chipMismatch, reason.message, suggest: .useBuild(chip: chip, firmware: firmware))
        }
    }

    /// The app must be complete and intact (no CRC16 errors inside the code region; ltchiptool soc/bk72xx/util/binary.py uncrc).
    static func checkApp(_ report: DumpReport) throws(WriteRefusal) {
        guard let app = report.app, app.state != .ok else { return }
        var reasons: [VerdictReason] = []
        var notes: [String] = []
        VerdictBuilder.appFindings(app, fileSize: report.fileSize, &reasons, &notes)
        let message = reasons.first?.message ?? "the app is damaged"
        throw WriteRefusal(app.state == .unknownKey ? .keyMismatch : .corrupt, message,
                           suggest: .getGoodCopy)
    }

    static func placement(_ report: DumpReport, requestedOffset: Int?, chip: ChipKind,
                          includeBootloader: Bool) throws(WriteRefusal) -> WritePlan {
        let appOffset = FileClassifier.appOffset
        let size = report.fileSize
        var warnings: [String] = []
        if let flashSize = chip.family.typicalFlashSize, size > flashSize, report.kind != .appImage {
            warnings.append("the file (\(hex(size)) bytes) is larger than the usual \(chip.displayName) flash "
                + "(\(hex(flashSize))); the chip must have a bigger flash")
        }
        if report.kind == .appImage {
            guard requestedOffset == nil || requestedOffset == appOffset else {
                throw WriteRefusal(.wrongOffset,
                    "app-only image: write at \(hex(appOffset)), not \(hex(requestedOffset ?? 0))",
                    suggest: .writeAppAt(offset: appOffset))
            }
            return WritePlan(kind: report.kind, chip: chip, flashOffset: appOffset, fileOffset: 0, length: size,
                             warnings: warnings)
        }
        // Full dump / QIO image: it starts at flash 0x0.
        if let requested = requestedOffset, requested != 0 {
            throw WriteRefusal(.wrongOffset,
                "this image starts with the bootloader (flash 0x0); written at \(hex(requested)) everything would "
                + "land \(hex(requested)) too high",
                suggest: .writeImageAtZero(appOffset: appOffset))
        }
        if report.kind == .fullDump {
            let rf = chip.family.layout.rfCalibration.map { " (\(hex($0)))" } ?? ""
            let kv = report.tuyaStore.map { " and the Tuya keys (\(hex($0.offset)))" } ?? ""
            warnings.append("a full dump restores the RF calibration/MAC\(rf)\(kv) of the device it was read from: "
                + "restore it only to that device")
        }
        if includeBootloader {
            guard chip.family.bootloaderAccess == .writable else {
                throw WriteRefusal(.bootloaderProtected,
                    "the \(chip.displayName) bootloader must not be overwritten: there is no ROM downloader to recover "
                    + "from a bad write (and its bootloader refuses writes below \(hex(appOffset)))",
                    suggest: .keepOwnBootloader(explain: true))
            }
            guard report.bootloader?.state == .ok || report.bootloader?.state == .unknownVersion else {
                throw WriteRefusal(.corrupt, "the file's bootloader is missing or damaged; writing it would break the chip",
                                   suggest: .keepOwnBootloader(explain: false))
            }
            return WritePlan(kind: report.kind, chip: chip, flashOffset: 0, fileOffset: 0, length: size,
                             warnings: warnings)
        }
        if chip.family.qioPlacement == .wholeFromZero, report.kind == .qioImage {
            // BK7238/BK7252N: OpenBeken's QIO image goes on whole, bootloader included (BekenChips QIOPlacement).
            guard report.bootloader?.state == .ok || report.bootloader?.state == .unknownVersion else {
                throw WriteRefusal(.corrupt,
                    "a \(chip.displayName) QIO image is written whole from 0x0, but this file's bootloader is "
                    + "\(report.bootloader?.state.rawValue ?? "missing"); the chip would not start",
                    suggest: .getGoodCopy)
            }
            return WritePlan(kind: report.kind, chip: chip, flashOffset: 0, fileOffset: 0, length: size,
                             warnings: warnings)
        }
        if let state = report.bootloader?.state, state != .ok, state != .unknownVersion {
            warnings.append("the file's bootloader is \(state.rawValue); it is not written (the chip keeps its own)")
        }
        return WritePlan(kind: report.kind, chip: chip, flashOffset: appOffset, fileOffset: appOffset,
                         length: size - appOffset, warnings: warnings)
    }
}
