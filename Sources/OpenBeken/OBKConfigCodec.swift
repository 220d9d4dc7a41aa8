/// Encoding and decoding `mainConfig_t` (OpenBeken new_pins.h, new_cfg.c).
extension OBKConfig {
    /// The 3584-byte struct: "CFG", CRC8 (signed variant) over bytes 4..<size, then the fields,
    /// strings NUL-terminated and zero-filled. Throws when a value does not fit its field.
    public func encodedStruct() throws(OBKConfigError) -> [UInt8] {
        var writer = OBKByteWriter(count: OBKConfigLayout.structSize)
        try writeFields(into: &writer)
        var bytes = writer.bytes
        bytes[0..<3] = ArraySlice(OBKConfigLayout.ident)
        bytes[OBKConfigLayout.crc.offset] = OBKConfig.checksum(of: bytes, version: version)
        return bytes
    }

    /// The 4096-byte flash sector: the struct, then 0xFF as the firmware leaves it (BK7231GUIFlashTool OBKFlashLayout.cs, OBKConfig.cs).
    public func encodedSector() throws(OBKConfigError) -> [UInt8] {
        try encodedStruct()
            + Array(repeating: 0xFF, count: OBKConfigLayout.sectorSize - OBKConfigLayout.structSize)
    }

    /// Decodes and validates a config: ident "CFG", version 0...100, CRC8 over 4..<3584 (4..<2016 for
    /// version 3). `bytes` may be a 4 KiB sector or just the struct; anything past the struct is ignored.
    public init<Bytes: Collection>(decoding bytes: Bytes) throws(OBKConfigError) where Bytes.Element == UInt8 {
        let blob = Array(bytes)
        guard blob.count >= 8 else { throw .truncated(length: blob.count, needed: OBKConfigLayout.structSize) }
        let ident = Array(blob[0..<3])
        guard ident == OBKConfigLayout.ident else { throw .badIdent(ident) }
        let reader = OBKByteReader(bytes: blob)
        let version = reader.int32(at: OBKConfigLayout.version)
        guard (0...OBKConfigLayout.maximumVersion).contains(version) else { throw .unsupportedVersion(version) }
        let needed = OBKConfigLayout.checksummedSize(forVersion: version)
        guard blob.count >= needed else { throw .truncated(length: blob.count, needed: needed) }
        let stored = blob[OBKConfigLayout.crc.offset]
        let computed = OBKConfig.checksum(of: blob, version: version)
        guard stored == computed else { throw .checksumMismatch(stored: stored, computed: computed) }
        // A version-3 sector may be shorter than today's struct; the missing tail reads as zero.
        let padded = blob.count >= OBKConfigLayout.structSize
            ? Array(blob[0..<OBKConfigLayout.structSize])
            : blob + Array(repeating: 0, count: OBKConfigLayout.structSize - blob.count)
        self.init(fieldsOf: OBKByteReader(bytes: padded))
    }

    /// The checksum byte the firmware expects for `bytes` (a struct or sector) of the given version.
    public static func checksum(of bytes: [UInt8], version: Int32) -> UInt8 {
        let end = OBKConfigLayout.checksummedSize(forVersion: version)
        return TinyCRC8.signed(bytes[OBKConfigLayout.checksummedStart..<end])
    }
}

extension OBKConfig {
    private typealias L = OBKConfigLayout

    private init(fieldsOf reader: OBKByteReader) {
        self.init()
        version = reader.int32(at: L.version)
        flags = OBKFlags(genericFlags: reader.uint32(at: L.genericFlags), genericFlags2: reader.uint32(at: L.genericFlags2))
        changeCounter = reader.uint16(at: L.changeCounter)
        otaCounter = reader.uint16(at: L.otaCounter)
        mqttPort = reader.int32(at: L.mqttPort)
        mac = reader.bytes(of: L.mac)
        let roles = reader.bytes(of: L.pinRoles), channels = reader.bytes(of: L.pinChannels)
        let channels2 = reader.bytes(of: L.pinChannels2)
        pins = (0..<L.pinCount).map { OBKPin(role: roles[$0], channel: channels[$0], channel2: channels2[$0]) }
        channelTypes = reader.bytes(of: L.channelTypes)
        startChannelValues = reader.uint16s(of: L.startChannelValues).map { Int16(bitPattern: $0) }
        logToLFS = reader.byte(at: L.logToLFS)
        deviceGroupSendFlags = reader.uint32(at: L.dgrSendFlags)
        deviceGroupReceiveFlags = reader.uint32(at: L.dgrRecvFlags)
        powerCalibration = reader.uint32s(of: L.powerCalibration)
        buttonShortPress = reader.byte(at: L.buttonShortPress)
        buttonLongPress = reader.byte(at: L.buttonLongPress)
        buttonHoldRepeat = reader.byte(at: L.buttonHoldRepeat)
        lfsSize = reader.uint32(at: L.lfsSize)
        loggerFlags = reader.uint32(at: L.loggerFlags)
        let ip = reader.bytes(of: L.staticIP)
        staticIP = OBKStaticIP(address: Array(ip[0..<4]), netmask: Array(ip[4..<8]),
                               gateway: Array(ip[8..<12]), dns: Array(ip[12..<16]))
        ledRemap = reader.bytes(of: L.ledRemap)
        ledCorrection = reader.uint32s(of: L.ledCorrection)
        bootOKSeconds = reader.byte(at: L.bootOKSeconds)
        pingInterval = reader.int32(at: L.pingInterval)
        pingSeconds = reader.int32(at: L.pingSeconds)
        mqttUseTLS = reader.byte(at: L.mqttUseTLS)
        mqttVerifyTLSCert = reader.byte(at: L.mqttVerifyTLSCert)
        disableWebServer = reader.byte(at: L.disableWebServer)
        reserved = OBKReservedBytes(
            fill: reader.byte(at: L.unusedFill), fill1: reader.byte(at: L.unusedFill1),
            sectorAB: reader.bytes(of: L.unusedSectorAB), byteFill: reader.bytes(of: L.unusedByteFill),
            tail: reader.bytes(of: L.unusedTail))
        for entry in OBKConfigStrings.all {
            let stored = reader.bytes(of: entry.field)
            let text = OBKConfigStrings.text(of: stored[...])
            self[keyPath: entry.keyPath] = text
            // Keep the stored bytes when re-encoding the text would not give them back.
            if OBKConfigStrings.plainBytes(of: text, size: entry.field.size) != stored
                || text.utf8.count > entry.limit(forVersion: version) {
                preservedStringBytes[entry.field.name] = stored
            }
        }
    }

    private func writeFields(into writer: inout OBKByteWriter) throws(OBKConfigError) {
        writer.put(int32: version, at: L.version)
        writer.put(uint32: flags.genericFlags, at: L.genericFlags)
        writer.put(uint32: flags.genericFlags2, at: L.genericFlags2)
        writer.put(uint16s: [changeCounter], at: L.changeCounter)
        writer.put(uint16s: [otaCounter], at: L.otaCounter)
        writer.put(int32: mqttPort, at: L.mqttPort)
        try writer.put(bytes: mac, at: L.mac)
        try check(pins.count, OBKConfigLayout.pinCount, L.pinRoles)
        try writer.put(bytes: pins.map(\.role), at: L.pinRoles)
        try writer.put(bytes: pins.map(\.channel), at: L.pinChannels)
        try writer.put(bytes: pins.map(\.channel2), at: L.pinChannels2)
        try writer.put(bytes: channelTypes, at: L.channelTypes)
        try check(startChannelValues.count, L.channelCount, L.startChannelValues)
        writer.put(uint16s: startChannelValues.map { UInt16(bitPattern: $0) }, at: L.startChannelValues)
        writer.put(byte: logToLFS, at: L.logToLFS)
        writer.put(uint32: deviceGroupSendFlags, at: L.dgrSendFlags)
        writer.put(uint32: deviceGroupReceiveFlags, at: L.dgrRecvFlags)
        try check(powerCalibration.count, L.powerCalibration.size / 4, L.powerCalibration)
        writer.put(uint32s: powerCalibration, at: L.powerCalibration)
        writer.put(byte: buttonShortPress, at: L.buttonShortPress)
        writer.put(byte: buttonLongPress, at: L.buttonLongPress)
        writer.put(byte: buttonHoldRepeat, at: L.buttonHoldRepeat)
        writer.put(uint32: lfsSize, at: L.lfsSize)
        writer.put(uint32: loggerFlags, at: L.loggerFlags)
        for part in [staticIP.address, staticIP.netmask, staticIP.gateway, staticIP.dns] {
            try check(part.count, 4, L.staticIP)
        }
        try writer.put(bytes: staticIP.address + staticIP.netmask + staticIP.gateway + staticIP.dns, at: L.staticIP)
        try writer.put(bytes: ledRemap, at: L.ledRemap)
        try check(ledCorrection.count, L.ledCorrection.size / 4, L.ledCorrection)
        writer.put(uint32s: ledCorrection, at: L.ledCorrection)
        writer.put(byte: bootOKSeconds, at: L.bootOKSeconds)
        writer.put(int32: pingInterval, at: L.pingInterval)
        writer.put(int32: pingSeconds, at: L.pingSeconds)
        writer.put(byte: mqttUseTLS, at: L.mqttUseTLS)
        writer.put(byte: mqttVerifyTLSCert, at: L.mqttVerifyTLSCert)
        writer.put(byte: disableWebServer, at: L.disableWebServer)
        writer.put(byte: reserved.fill, at: L.unusedFill)
        writer.put(byte: reserved.fill1, at: L.unusedFill1)
        try writer.put(bytes: reserved.sectorAB, at: L.unusedSectorAB)
        try writer.put(bytes: reserved.byteFill, at: L.unusedByteFill)
        try writer.put(bytes: reserved.tail, at: L.unusedTail)
        for entry in OBKConfigStrings.all {
            try writer.put(bytes: try storedBytes(for: entry), at: entry.field)
        }
    }

    /// The bytes a string field is stored as: the preserved original while it still decodes to the
    /// property's value, else the plain form after checking the limit.
    private func storedBytes(for entry: OBKConfigStrings.Entry) throws(OBKConfigError) -> [UInt8] {
        let text = self[keyPath: entry.keyPath]
        if let original = preservedStringBytes[entry.field.name], original.count == entry.field.size,
           OBKConfigStrings.text(of: original[...]) == text {
            return original
        }
        guard !text.utf8.contains(0) else { throw .stringContainsNUL(field: entry.field) }
        let limit = entry.limit(forVersion: version)
        let length = text.utf8.count
        guard length <= limit else { throw .stringTooLong(field: entry.field, length: length, limit: limit) }
        return OBKConfigStrings.plainBytes(of: text, size: entry.field.size)
    }

    private func check(_ count: Int, _ expected: Int, _ field: OBKConfigField) throws(OBKConfigError) {
        guard count == expected else { throw .wrongElementCount(field: field, count: count, expected: expected) }
    }
}
