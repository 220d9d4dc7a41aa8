import Foundation
import Testing
@testable import SerialLink

@Suite struct PortListerTests {
    /// A fake /dev with real files and real symbolic links.
    private func makeDevices() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bktool-ports-\(UUID().uuidString)")
        let dev = root.appendingPathComponent("dev")
        let byID = root.appendingPathComponent("by-id")
        try FileManager.default.createDirectory(at: dev, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: byID, withIntermediateDirectories: true)
        for name in ["ttyUSB0", "ttyUSB1", "ttyACM0", "ttyS0", "tty1", "null"] {
            _ = FileManager.default.createFile(atPath: dev.appendingPathComponent(name).path, contents: nil)
        }
        try FileManager.default.createSymbolicLink(atPath: byID.appendingPathComponent("usb-1a86_USB_Serial-if00-port0").path,
                                                   withDestinationPath: "../dev/ttyUSB1")
        try FileManager.default.createSymbolicLink(atPath: byID.appendingPathComponent("usb-gone-if00").path,
                                                   withDestinationPath: "../dev/ttyUSB7")
        return root
    }

    @Test func listsAdaptersNamedByTheirByIDLinks() throws {
        let root = try makeDevices()
        defer { try? FileManager.default.removeItem(at: root) }
        let dev = root.appendingPathComponent("dev").standardizedFileURL.path
        let ports = PortLister.list(devices: dev, prefixes: ["ttyUSB", "ttyACM"],
                                    byID: root.appendingPathComponent("by-id").path)
        #expect(ports.map(\.path) == [dev + "/ttyACM0", dev + "/ttyUSB0", dev + "/ttyUSB1"])
        #expect(ports.map(\.description) == ["ttyACM0", "ttyUSB0", "usb-1a86_USB_Serial-if00-port0"])
        #expect(ports[2].byIDPath == root.appendingPathComponent("by-id/usb-1a86_USB_Serial-if00-port0").path)
        #expect(ports[0].byIDPath == nil)
    }

    /// The macOS twin: a fake /dev as macOS has it, scanned with the macOS rule.
    @Test func macOSListsCallOutDevicesOnly() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bktool-ports-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for name in ["cu.usbserial-1410", "tty.usbserial-1410", "cu.wchusbserial110", "ttys000", "null"] {
            _ = FileManager.default.createFile(atPath: root.appendingPathComponent(name).path, contents: nil)
        }
        let dev = root.standardizedFileURL.path
        let ports = PortLister.list(devices: dev, prefixes: PortLister.macOSScan.prefixes, byID: PortLister.macOSScan.byID)
        #expect(ports.map(\.path) == [dev + "/cu.usbserial-1410", dev + "/cu.wchusbserial110"])
        #expect(ports.allSatisfy { $0.byIDPath == nil })
    }

    @Test func noPortsIsAnEmptyList() {
        #expect(PortLister.list(devices: "/nonexistent-bktool", prefixes: ["ttyUSB"], byID: "/nonexistent-bktool").isEmpty)
    }

    @Test func listingThisMachineDoesNotFail() {
        let ports = PortLister.list()
        #expect(ports.allSatisfy { $0.path.hasPrefix("/dev/") })
    }
}
