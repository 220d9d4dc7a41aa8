import SerialLink
import Testing
@testable import bktool

@Test func listPortsTextNamesByIDPortsAndSaysWhenThereAreNone() {
    let ports = [
        SerialPortInfo(path: "/dev/ttyACM0", description: "ttyACM0"),
        SerialPortInfo(path: "/dev/ttyUSB0", description: "usb-1a86_USB_Serial-if00-port0",
                       byIDPath: "/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0"),
    ]
    #expect(ListPortsCommand.text(ports) == "/dev/ttyACM0\n/dev/ttyUSB0  usb-1a86_USB_Serial-if00-port0\n")
    #expect(ListPortsCommand.text([]).hasPrefix("no serial ports found"))
}

@Test func listPortsJSONCarriesPathsAndNames() {
    let result = ListPortsResult(ports: [SerialPortInfo(path: "/dev/ttyUSB0", description: "usb-x",
                                                        byIDPath: "/dev/serial/by-id/usb-x")])
    #expect(JSONOutput.text(result)
        == #"{"ok":true,"ports":[{"byIDPath":"/dev/serial/by-id/usb-x","description":"usb-x","path":"/dev/ttyUSB0"}]}"#)
}
