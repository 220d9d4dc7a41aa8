// Where a whole-flash ("QIO") image of a family goes over UART (BK7231GUIFlashTool `BK7231Flasher.cs`; ltchiptool `soc/bk72xx/binary.py`).
public enum QIOPlacement: String, Sendable, Hashable, Codable {
    /// Skip the file's first 0x11000 bytes and write the rest at 0x11000: the chip keeps its own bootloader
    /// (BK7231T/U/BK7252 cannot be written below 0x11000; BK7231N/M could, but nothing is gained).
    case keepBootloader = "keep-bootloader"
    /// Write the whole image from 0x0, bootloader included (BK7231GUIFlashTool `doReadAndWriteInternal`: `_QIO_`
    /// files on BK7238/BK7252N go to 0x0 whole; a ROM downloader survives a bad write).
    case wholeFromZero = "whole-from-zero"
}

extension ChipFamily {
    /// How this family's QIO images are written: the table's `FlashLayout.openBekenImageStart` (0 for BK7238 and
    /// BK7252N) says it once.
    public var qioPlacement: QIOPlacement {
        layout.openBekenImageStart == 0 ? .wholeFromZero : .keepBootloader
    }

    /// Tuya's module series of this family, as the module names start (BK7231GUIFlashTool
    /// `TuyaModules.getTypeForModuleName`): "CB"/"T2" for BK7231N, "WB" for BK7231T, "T1" for BK7238 …
    public var tuyaModuleSeries: [String] {
        switch kind {
        case .bk7231t: ["WB"]
        case .bk7231n: ["CB", "T2"]
        case .bk7238: ["T1"]
        case .bk7236: ["T3"]
        case .bk7252n: ["T4"]
        case .bk7258: ["T5"]
        default: []
        }
    }
}
