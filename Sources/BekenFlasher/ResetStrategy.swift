/// Ways to bring the chip into its download window, tried in order while LinkChecks keep going out
/// (bk7231tools linking.py wait_for_link; BK7231GUIFlashTool BK7231Flasher.cs; espflash's ordered reset strategies, espflash connection/reset.rs).
public enum ResetStrategy: Sendable, Equatable {
    /// Just LinkCheck: the chip may already be in download mode or be reset by hand right now.
    case listen(window: Duration)
    /// RTS (wired to CEN on many adapters) and DTR asserted, released after `hold` (bk7231tools' `hw_reset`:
    /// RTS+DTR 100 ms, DTR off 100 ms, RTS off).
    case modemLinePulse(hold: Duration, window: Duration)
    /// The text `reboot\r\n`, which OpenBeken's console on UART1 obeys (bk_idk bootloader.c legacy_boot_main; bk7231tools linking.py wait_for_link; BK7231GUIFlashTool BK7231Flasher.cs getBus, bkWriter capture).
    case openBekenReboot(window: Duration)
    /// Ask the user to reset the chip (CEN to GND or power-cycle) and count down until the link timeout.
    case manual

    public var name: String {
        switch self {
        case .listen: "listen"
        case .modemLinePulse: "RTS/DTR reset pulse"
        case .openBekenReboot: "`reboot` command for OpenBeken firmware"
        case .manual: "manual reset"
        }
    }

    /// The default ladder: about 3 s of automatic attempts, then the prompt.
    public static let ladder: [ResetStrategy] = [
        .listen(window: .milliseconds(300)),
        .modemLinePulse(hold: .milliseconds(100), window: .milliseconds(800)),
        .openBekenReboot(window: .milliseconds(1500)),
        .manual,
    ]

    /// A short pulse for relinking mid-operation once a pulse is known to reset this chip: RTS asserted 50 ms in
    /// all, as BK7231GUIFlashTool pulses (bk7231tools linking.py wait_for_link; BK7231GUIFlashTool BK7231Flasher.cs getBus), instead of bk7231tools' 200 ms.
    static let quickPulse = ResetStrategy.modemLinePulse(hold: .milliseconds(25), window: .milliseconds(300))

    /// The prompt shown by `.manual`.
}
