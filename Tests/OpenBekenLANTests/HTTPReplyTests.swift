import Testing
@testable import OpenBekenLAN

/// The reply parser against OpenBeken's quirks (OBK `new_http.c`).
@Suite struct HTTPReplyTests {
    @Test func bareLFStatusLineAndNoContentLength() throws {
        let raw = Array("HTTP/1.1 200 OK\nContent-type: application/json\r\nConnection: close\r\n\r\n{\"a\":1}".utf8)
        let reply = try HTTPReply(parsing: raw)
        #expect(reply.status == 200)
        #expect(reply.header("Content-Type") == "application/json")
        #expect(reply.text == "{\"a\":1}")
    }

    @Test func statusMinusOne() throws {
        let raw = Array("HTTP/1.1 -1 OK\nContent-type: application/json\r\n\r\n{\"error\":-1, \"msg\":\"invalid url\"}".utf8)
        let reply = try HTTPReply(parsing: raw)
        #expect(reply.status == -1)
        #expect(LenientJSON.object(reply.body)?["msg"] as? String == "invalid url")
    }

    @Test func contentLengthCutsAndShortBodyFails() throws {
        let long = Array("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef".utf8)
        #expect(try HTTPReply(parsing: long).text == "abc")
        let short = Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".utf8)
        #expect(throws: HTTPReply.ParseFailure.bodyShorterThanContentLength(got: 3, declared: 10)) {
            try HTTPReply(parsing: short)
        }
    }

    @Test func brokenReplies() {
        #expect(throws: HTTPReply.ParseFailure.empty) { try HTTPReply(parsing: []) }
        #expect(throws: HTTPReply.ParseFailure.notHTTP) { try HTTPReply(parsing: Array("<html>".utf8)) }
        #expect(throws: HTTPReply.ParseFailure.headerNotFinished) { try HTTPReply(parsing: Array("HTTP/1.1 200 OK\nX: y".utf8)) }
        #expect(throws: HTTPReply.ParseFailure.badStatus("HTTP/1.1 OK")) { try HTTPReply(parsing: Array("HTTP/1.1 OK\n\n".utf8)) }
    }

    @Test func lenientJSONDropsTrailingTextAndPatchesPrintfFloats() {
        let object = LenientJSON.object(Array("{\"Dimmer\":0.,\"CT\":0.}garbage".utf8))
        #expect(object != nil && LenientJSON.int(object?["Dimmer"]) == 0 && LenientJSON.int(object?["CT"]) == 0)
    }

    @Test func basicAuthHeader() {
        // RFC 7617's example: Aladdin:open sesame
        #expect(Base64.encode(Array("Aladdin:open sesame".utf8)) == "QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        let request = String(decoding: HTTPRequest(method: "GET", path: "/api/info").bytes(host: "h", password: "pw"), as: UTF8.self)
        #expect(request.contains("Authorization: Basic \(Base64.encode(Array("admin:pw".utf8)))\r\n"))
    }

    @Test func addresses() throws {
        #expect(try DeviceAddress(parsing: "192.168.1.20") == DeviceAddress(host: "192.168.1.20", port: 80))
        #expect(try DeviceAddress(parsing: "http://plug.local:8080/") == DeviceAddress(host: "plug.local", port: 8080))
        #expect(try DeviceAddress(parsing: "[::1]:81") == DeviceAddress(host: "::1", port: 81))
        #expect(throws: LANError.self) { try DeviceAddress(parsing: "host:99999") }
        #expect(throws: LANError.self) { try DeviceAddress(parsing: "") }
        let cidr = try AddressRange(parsing: "10.0.0.0/24")
        #expect(cidr.count == 254 && cidr.addresses.first == "10.0.0.1" && cidr.addresses.last == "10.0.0.254")
        #expect(try AddressRange(parsing: "10.0.0.5-9").count == 5)
        #expect(throws: LANError.self) { try AddressRange(parsing: "10.0.0.9-10.0.0.5") }
        #expect(throws: LANError.self) { try AddressRange(parsing: "10.0.0.0/8") }
    }
}
