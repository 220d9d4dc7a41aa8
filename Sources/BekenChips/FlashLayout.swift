// Where things live in a family's flash (OpenBK7231T/N BkDriverFlash.c; BK7231GUIFlashTool OBKFlashLayout.cs, BK7231Flasher.cs; bk7231tools cmd_ll_chip.py).
public struct FlashRegion: Sendable, Hashable {
    public let start: UInt32
    public let length: UInt32
    public init(start: UInt32, length: UInt32) {
        self.start = start
        self.length = length
    }
    /// First address after the region.
    public var end: UInt32 { start + length }
    public func contains(_ address: UInt32) -> Bool { address >= start && address < end }
}

public struct FlashLayout: Sendable, Hashable {
    /// Bootloader, physical 0x000000–0x010FFF on every family (bk7231tools cmd_ll_chip.py fix_addr; BK7231GUIFlashTool BK7231Flasher.cs).
    public let bootloader: FlashRegion
    /// Application partition (physical, CRC-interleaved), if the sources give it.
    public let app: FlashRegion?
    /// OTA / "download" partition.
    public let ota: FlashRegion?
    /// RF calibration "TLV" sector.
    public let rfCalibration: UInt32?
    /// Other RF sector seen on some parts of the family (e.g. some T1 at 0x1E3000).
    public let rfCalibrationAlternative: UInt32?
    /// OpenBeken `mainConfig_t` sector (BK7231GUIFlashTool OBKFlashLayout.cs, OBKConfig.cs).
    public let openBekenConfig: UInt32?
    /// Usual start of the Tuya KV storage (search for it, as BK7231GUIFlashTool TuyaConfig.cs FindDeviceKeys and bk7231tools KVStorage.find_storage do; do not trust it blindly).
    public let tuyaStorage: UInt32?
    /// Tuya storage length where verified (0x12000 on 2 MiB T/N).
    public let tuyaStorageLength: UInt32?
    /// Where a whole OpenBeken QIO image is written from: 0x11000 (the file's first 0x11000 bytes, the bootloader,
    /// skipped) on most chips, 0x0 (the image whole) on the chips BK7231GUIFlashTool writes that way
    /// (`doReadAndWriteInternal`: BK7236/7238/7252N/7258).
    public let openBekenImageStart: UInt32

    public static let bootloaderRegion = FlashRegion(start: 0, length: 0x11000)

    public init(
        app: FlashRegion? = nil, ota: FlashRegion? = nil, rfCalibration: UInt32? = nil,
        rfCalibrationAlternative: UInt32? = nil, openBekenConfig: UInt32? = nil, tuyaStorage: UInt32? = nil,
        tuyaStorageLength: UInt32? = nil, openBekenImageStart: UInt32 = FlashLayout.bootloaderRegion.end
    ) {
        self.bootloader = FlashLayout.bootloaderRegion
        self.app = app
        self.ota = ota
        self.rfCalibration = rfCalibration
        self.rfCalibrationAlternative = rfCalibrationAlternative
        self.openBekenConfig = openBekenConfig
        self.tuyaStorage = tuyaStorage
        self.tuyaStorageLength = tuyaStorageLength
        self.openBekenImageStart = openBekenImageStart
    }
}
