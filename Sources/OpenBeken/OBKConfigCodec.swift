/// Encoding and decoding `mainConfig_t` (OpenBeken new_pins.h, new_cfg.c).
extension OBKConfig {
    /// The 3584-byte struct: "CFG", CRC8 (signed variant) over bytes 4..<size, then the fields,
    /// strings NUL-terminated and zero-filled, laid out for the pin block `pins` has (`OBKPinBlock`).
    /// Throws when a value does not fit its field.
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
    /// `pinBlock` is the build's pin count (`OBKPlatform.pinBlock`); the header and CRC do not tell it.
    public init<Bytes: Collection>(decoding bytes: Bytes, pinBlock: OBKPinBlock = .pins32) throws(OBKConfigError)
    where Bytes.Element == UInt8 {
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
        self.init(fieldsOf: OBKByteReader(bytes: padded), pinBlock: pinBlock)
    }

    /// The checksum byte the firmware expects for `bytes` (a struct or sector) of the given version.
    public static func checksum(of bytes: [UInt8], version: Int32) -> UInt8 {
        let end = OBKConfigLayout.checksummedSize(forVersion: version)
        return TinyCRC8.signed(bytes[OBKConfigLayout.checksummedStart..<end])
    }
}

extension OBKConfig {
    private typealias L = OBKConfigLayout

    private init(fieldsOf reader: OBKByteReader, pinBlock: OBKPinBlock) {
        self.init()
        let field = pinBlock.placed
        version = reader.int32(at: field(L.version))
        flags = OBKFlags(genericFlags: reader.uint32(at: field(L.genericFlags)),
                         genericFlags2: reader.uint32(at: field(L.genericFlags2)))
        changeCounter = reader.uint16(at: field(L.changeCounter))
        otaCounter = reader.uint16(at: field(L.otaCounter))
        mqttPort = reader.int32(at: field(L.mqttPort))
        mac = reader.bytes(of: field(L.mac))
        let roles = reader.bytes(of: field(L.pinRoles)), channels = reader.bytes(of: field(L.pinChannels))
        let channels2 = reader.bytes(of: field(L.pinChannels2))
        pins = (0..<pinBlock.pinCount).map { OBKPin(role: roles[$0], channel: channels[$0], channel2: channels2[$0]) }
        channelTypes = reader.bytes(of: field(L.channelTypes))
        startChannelValues = reader.uint16s(of: field(L.startChannelValues)).map { Int16(bitPattern: $0) }
        logToLFS = reader.byte(at: field(L.logToLFS))
        deviceGroupSendFlags = reader.uint32(at: field(L.dgrSendFlags))
        deviceGroupReceiveFlags = reader.uint32(at: field(L.dgrRecvFlags))
        powerCalibration = reader.uint32s(of: field(L.powerCalibration))
        buttonShortPress = reader.byte(at: field(L.buttonShortPress))
        buttonLongPress = reader.byte(at: field(L.buttonLongPress))
        buttonHoldRepeat = reader.byte(at: field(L.buttonHoldRepeat))
        lfsSize = reader.uint32(at: field(L.lfsSize))
        loggerFlags = reader.uint32(at: field(L.loggerFlags))
        let ip = reader.bytes(of: field(L.staticIP))
        staticIP = OBKStaticIP(address: Array(ip[0..<4]), netmask: Array(ip[4..<8]),
                               gateway: Array(ip[8..<12]), dns: Array(ip[12..<16]))
        ledRemap = reader.bytes(of: field(L.ledRemap))
        ledCorrection = reader.uint32s(of: field(L.ledCorrection))
        bootOKSeconds = reader.byte(at: field(L.bootOKSeconds))
        pingInterval = reader.int32(at: field(L.pingInterval))
        pingSeconds = reader.int32(at: field(L.pingSeconds))
        mqttUseTLS = reader.byte(at: field(L.mqttUseTLS))
        mqttVerifyTLSCert = reader.byte(at: field(L.mqttVerifyTLSCert))
        disableWebServer = reader.byte(at: field(L.disableWebServer))
        reserved = OBKReservedBytes(
            fill: reader.byte(at: field(L.unusedFill)), fill1: reader.byte(at: field(L.unusedFill1)),
            sectorAB: reader.bytes(of: field(L.unusedSectorAB)), byteFill: reader.bytes(of: field(L.unusedByteFill)),
            tail: reader.bytes(of: field(L.unusedTail)))
        for entry in OBKConfigStrings.all {
            let stored = reader.bytes(of: field(entry.field))
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
        guard let pinBlock else {
            throw .wrongElementCount(field: OBKConfigLayout.pinRoles, count: pins.count, expected: OBKConfigLayout.pinCount)
        }
        let field = pinBlock.placed
        writer.put(int32: version, at: field(L.version))
        writer.put(uint32: flags.genericFlags, at: field(L.genericFlags))
        writer.put(uint32: flags.genericFlags2, at: field(L.genericFlags2))
        writer.put(uint16s: [changeCounter], at: field(L.changeCounter))
        writer.put(uint16s: [otaCounter], at: field(L.otaCounter))
        writer.put(int32: mqttPort, at: field(L.mqttPort))
        try writer.put(bytes: mac, at: field(L.mac))
        try writer.put(bytes: pins.map(\.role), at: field(L.pinRoles))
        try writer.put(bytes: pins.map(\.channel), at: field(L.pinChannels))
        try writer.put(bytes: pins.map(\.channel2), at: field(L.pinChannels2))
        try writer.put(bytes: channelTypes, at: field(L.channelTypes))
        try check(startChannelValues.count, L.channelCount, field(L.startChannelValues))
        writer.put(uint16s: startChannelValues.map { UInt16(bitPattern: $0) }, at: field(L.startChannelValues))
        writer.put(byte: logToLFS, at: field(L.logToLFS))
        writer.put(uint32: deviceGroupSendFlags, at: field(L.dgrSendFlags))
        writer.put(uint32: deviceGroupReceiveFlags, at: field(L.dgrRecvFlags))
        try check(powerCalibration.count, field(L.powerCalibration).size / 4, field(L.powerCalibration))
        writer.put(uint32s: powerCalibration, at: field(L.powerCalibration))
        writer.put(byte: buttonShortPress, at: field(L.buttonShortPress))
        writer.put(byte: buttonLongPress, at: field(L.buttonLongPress))
        writer.put(byte: buttonHoldRepeat, at: field(L.buttonHoldRepeat))
        writer.put(uint32: lfsSize, at: field(L.lfsSize))
        writer.put(uint32: loggerFlags, at: field(L.loggerFlags))
        for part in [staticIP.address, staticIP.netmask, staticIP.gateway, staticIP.dns] {
            try check(part.count, 4, field(L.staticIP))
        }
        try writer.put(bytes: staticIP.address + staticIP.netmask + staticIP.gateway + staticIP.dns, at: field(L.staticIP))
        try writer.put(bytes: ledRemap, at: field(L.ledRemap))
        try check(ledCorrection.count, field(L.ledCorrection).size / 4, field(L.ledCorrection))
        writer.put(uint32s: ledCorrection, at: field(L.ledCorrection))
        writer.put(byte: bootOKSeconds, at: field(L.bootOKSeconds))
        writer.put(int32: pingInterval, at: field(L.pingInterval))
        writer.put(int32: pingSeconds, at: field(L.pingSeconds))
        writer.put(byte: mqttUseTLS, at: field(L.mqttUseTLS))
        writer.put(byte: mqttVerifyTLSCert, at: field(L.mqttVerifyTLSCert))
        writer.put(byte: disableWebServer, at: field(L.disableWebServer))
        writer.put(byte: reserved.fill, at: field(L.unusedFill))
        writer.put(byte: reserved.fill1, at: field(L.unusedFill1))
        try writer.put(bytes: reserved.sectorAB, at: field(L.unusedSectorAB))
        try writer.put(bytes: reserved.byteFill, at: field(L.unusedByteFill))
        try writer.put(bytes: reserved.tail, at: field(L.unusedTail))
        for entry in OBKConfigStrings.all {
            try writer.put(bytes: try storedBytes(for: entry), at: field(entry.field))
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
