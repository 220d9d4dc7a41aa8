import BekenConversion
import BekenFlasher
import BekenText
import Foundation
import SerialLink

/// A conversion event as the page receives it (one SSE `data:` line of JSON). Facts only; the page words them.
public struct EventWire: Codable, Sendable, Equatable {
    public var kind: String
    public var step: Int?
    public var task: String?
    public var done: Int?
    public var total: Int?
    public var seconds: Int?
    public var chip: String?
    public var detail: String?
    public var code: String?
    public var pins: [PinWire]?
    public var backup: String?
    public var sidecar: String?
    /// The Tuya module the pins came from (`CB2S`, `T1-2S`), when the backup names one: the page picks its drawing.
    public var module: String?
    /// A failure or warning in words for people (BekenText, the CLI's sentences with the page's field names) and
    /// what to do next.
    public var message: String?
    public var next: [String]?
    /// Milliseconds since the job started, stamped by the registry: a replayed page computes rates from these.
    public var ms: Int?

    public init(kind: String) { self.kind = kind }

    public struct PinWire: Codable, Sendable, Equatable {
        public var pin: Int
        public var role: String
        public var channel: Int
    }

    static func from(_ event: ConversionEvent) -> EventWire? {
        var wire = EventWire(kind: "")
        switch event {
        case .stepStarted(let step):
            wire.kind = "stepStarted"
            wire.step = step.number
        case .stepFinished(let step):
            wire.kind = "stepFinished"
            wire.step = step.number
        case .identified(let identity, let baud, _):
            wire.kind = "identified"
            wire.chip = identity.profile.kind.displayName
            wire.total = identity.flashSize
            wire.done = baud
        case .firmwareChecked:
            wire.kind = "firmwareChecked"
        case .backupReady(let location, let reused):
            wire.kind = "backupReady"
            wire.backup = location.path
            wire.sidecar = location.sidecarPath
            wire.detail = reused.map { "\($0)" }
        case .pinsFound(let plan):
            wire.kind = "pinsFound"
            wire.pins = (plan.template?.pins ?? [:]).sorted { $0.key < $1.key }
                .map { PinWire(pin: $0.key, role: $0.value.role.rawValue, channel: $0.value.channel) }
            wire.module = plan.template.map(\.board).flatMap { $0 == "TODO" || $0.isEmpty ? nil : $0 }
        case .configBuilt:
            wire.kind = "configBuilt"
        case .warning(let warning):
            wire.kind = "warning"
            wire.detail = "\(warning)"
            wire.message = warning.text
        case .resuming(_, let from):
            wire.kind = "resuming"
            wire.done = from
        case .written(let outcome):
            wire.kind = "written"
            wire.done = outcome.written
        case .verified:
            wire.kind = "verifiedWrite"
        case .rfCalibrationMove(let move):
            wire.kind = "rfCalibrationMove"
            wire.done = move.to
            wire.detail = move.mac
        case .macProven(let proof):
            wire.kind = "macProven"
            wire.done = proof.offset
        case .flasher(let event):
            return flasher(event)
        }
        return wire
    }

    static func flasher(_ event: FlasherEvent) -> EventWire? {
        var wire = EventWire(kind: "")
        switch event {
        case .resetPrompt(let seconds):
            wire.kind = "resetPrompt"
            wire.seconds = seconds
        case .linked:
            wire.kind = "linked"
        case .started(let task, let total):
            wire.kind = "taskStarted"
            wire.task = task.rawValue
            wire.total = total
        case .progress(let task, let done):
            wire.kind = "progress"
            wire.task = task.rawValue
            wire.done = done
        case .finished(let task, _):
            wire.kind = "taskFinished"
            wire.task = task.rawValue
        case .retry(let operation, _, let attempt, _):
            wire.kind = "retry"
            wire.detail = operation
            wire.done = attempt
        default:
            return nil
        }
        return wire
    }

    static func failure(_ error: any Error) -> EventWire {
        var wire = EventWire(kind: "failed")
        var text: FailureText?
        if let error = error as? ConversionError {
            wire.code = error.code
            text = error.failureText(.page)
        } else if let error = error as? FlasherError {
            wire.code = "\(error.code)"
            text = error.failureText(.page)
        } else if let error = error as? LinkError {
            text = error.failureText
            wire.code = text?.code
        } else {
            wire.code = "\(type(of: error))"
        }
        if let text {
            // The cancel keeps its code; other failures keep the library's code for scripts and tests.
            wire.message = text.message
            wire.next = text.hint.isEmpty ? [] : [text.hint]
        }
        wire.detail = "\(error)"
        return wire
    }

    var line: String {
        (try? JSONEncoder().encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
