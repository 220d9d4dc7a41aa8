import CSerialSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// termios settings shared by serial ports and pseudo-terminals.
enum Termios {
    /// Raw 8N1, no flow control, no echo, reads never block in the driver (VMIN = VTIME = 0; we poll).
    static func makeRaw(_ fd: Int32) -> Int32? {
        var settings = termios()
        if tcgetattr(fd, &settings) != 0 { return System.errno }
        cfmakeraw(&settings)
        settings.c_iflag &= ~(tcflag_t(IXON) | tcflag_t(IXOFF) | tcflag_t(IXANY))
        settings.c_cflag &= ~(tcflag_t(CSIZE) | tcflag_t(PARENB) | tcflag_t(CSTOPB) | tcflag_t(CRTSCTS))
        settings.c_cflag |= tcflag_t(CS8) | tcflag_t(CLOCAL) | tcflag_t(CREAD)
        withUnsafeMutableBytes(of: &settings.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        if tcsetattr(fd, TCSANOW, &settings) != 0 { return System.errno }
        return nil
    }

    /// Sets a rate: a standard speed code through termios, any other rate through the custom-rate ioctl.
    /// Returns errno on failure.
    static func setSpeed(_ fd: Int32, _ baud: Int) -> Int32? {
        if let code = standardSpeedCode(baud) {
            var settings = termios()
            if tcgetattr(fd, &settings) != 0 { return System.errno }
            if cfsetispeed(&settings, code) != 0 || cfsetospeed(&settings, code) != 0 { return System.errno }
            if tcsetattr(fd, TCSANOW, &settings) != 0 { return System.errno }
            return nil
        }
        guard let speed = UInt32(exactly: baud) else { return EINVAL }
        return cserial_set_custom_speed(fd, speed) == 0 ? nil : System.errno
    }

    /// The output rate the tty runs at (custom rates included on Linux via TCGETS2), or nil.
    static func speed(_ fd: Int32) -> Int? {
        var input: UInt32 = 0
        var output: UInt32 = 0
        guard cserial_get_speed(fd, &input, &output) == 0 else { return nil }
        return Int(output)
    }

    /// The termios speed code of a standard rate, nil for rates that need the custom-rate ioctl.
    static func standardSpeedCode(_ baud: Int) -> speed_t? {
        switch baud {
        case 1200: return speed_t(B1200)
        case 2400: return speed_t(B2400)
        case 4800: return speed_t(B4800)
        case 9600: return speed_t(B9600)
        case 19_200: return speed_t(B19200)
        case 38_400: return speed_t(B38400)
        case 57_600: return speed_t(B57600)
        case 115_200: return speed_t(B115200)
        case 230_400: return speed_t(B230400)
        #if os(Linux)
        case 460_800: return speed_t(B460800)
        case 500_000: return speed_t(B500000)
        case 576_000: return speed_t(B576000)
        case 921_600: return speed_t(B921600)
        case 1_000_000: return speed_t(B1000000)
        case 1_152_000: return speed_t(B1152000)
        case 1_500_000: return speed_t(B1500000)
        case 2_000_000: return speed_t(B2000000)
        case 2_500_000: return speed_t(B2500000)
        case 3_000_000: return speed_t(B3000000)
        case 3_500_000: return speed_t(B3500000)
        case 4_000_000: return speed_t(B4000000)
        #endif
        default: return nil
        }
    }
}
