import SerialLink
import Testing
@testable import bktool

@Test func missingPortIsBadInputWithTheLinkHint() {
    let error = #expect(throws: LinkError.self) { try SerialPort(path: "/dev/ttyUSB-bktool-missing") }
    let failure = error?.cliFailure
    #expect(failure?.kind == .badInput)
    #expect(failure?.code == "port-not-found")
    #expect(failure?.line == "error: port /dev/ttyUSB-bktool-missing does not exist — hint: check the adapter is "
            + "plugged in; `bktool list-ports` lists ports")
}

@Test func busyPortIsAFailedOperation() {
    let failure = LinkError(.busy, path: "/dev/ttyUSB0", summary: "port /dev/ttyUSB0 is busy", hint: "close it").cliFailure
    #expect(failure.kind == .operationFailed)
    #expect(failure.code == "port-busy")
}
