// ioctl wrappers for SerialLink. Linux: struct termios2 from <asm/termbits.h> (44 bytes, c_ispeed/c_ospeed at
// offsets 36/40; docs/TESTING.md "Facts found while driving the peers"), kept apart from glibc's <termios.h>, which
// declares a conflicting struct termios.
#if defined(__linux__)
#define _GNU_SOURCE
#endif
#include "CSerialSupport.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#if defined(__linux__)
#include <asm/termbits.h>
#include <sys/ioctl.h>

int cserial_get_speed(int fd, uint32_t *input_speed, uint32_t *output_speed) {
    struct termios2 tio;
    if (ioctl(fd, TCGETS2, &tio) != 0) return -1;
    *input_speed = tio.c_ispeed;
    *output_speed = tio.c_ospeed;
    return 0;
}

int cserial_set_custom_speed(int fd, uint32_t speed) {
    struct termios2 tio;
    if (ioctl(fd, TCGETS2, &tio) != 0) return -1;
    tio.c_cflag &= ~(CBAUD | (CBAUD << IBSHIFT));
    tio.c_cflag |= BOTHER | (BOTHER << IBSHIFT);
    tio.c_ispeed = speed;
    tio.c_ospeed = speed;
    return ioctl(fd, TCSETS2, &tio);
}

static int slave_name(int master_fd, char *buffer, size_t length) {
    int result = ptsname_r(master_fd, buffer, length);
    if (result != 0) { errno = result; return -1; }
    return 0;
}

#elif defined(__APPLE__)
#include <termios.h>
#include <sys/ioctl.h>
#include <IOKit/serial/ioss.h>

int cserial_get_speed(int fd, uint32_t *input_speed, uint32_t *output_speed) {
    struct termios tio;
    if (tcgetattr(fd, &tio) != 0) return -1;
    // macOS speed_t holds the rate itself, custom rates included.
    *input_speed = (uint32_t)cfgetispeed(&tio);
    *output_speed = (uint32_t)cfgetospeed(&tio);
    return 0;
}

int cserial_set_custom_speed(int fd, uint32_t speed) {
    speed_t value = speed;
    return ioctl(fd, IOSSIOSPEED, &value);
}

static int slave_name(int master_fd, char *buffer, size_t length) {
    char name[128];
    if (ioctl(master_fd, TIOCPTYGNAME, name) != 0) return -1;
    size_t i = 0;
    for (; name[i] != 0 && i + 1 < length; i++) buffer[i] = name[i];
    if (name[i] != 0) { errno = ERANGE; return -1; }
    buffer[i] = 0;
    return 0;
}
#endif

int cserial_set_modem_lines(int fd, int rts, int dtr) {
    int set = 0, clear = 0;
    if (rts > 0) set |= TIOCM_RTS; else if (rts == 0) clear |= TIOCM_RTS;
    if (dtr > 0) set |= TIOCM_DTR; else if (dtr == 0) clear |= TIOCM_DTR;
    if (set != 0 && ioctl(fd, TIOCMBIS, &set) != 0) return -1;
    if (clear != 0 && ioctl(fd, TIOCMBIC, &clear) != 0) return -1;
    return 0;
}

int cserial_get_modem_lines(int fd, int *rts, int *dtr) {
    int bits = 0;
    if (ioctl(fd, TIOCMGET, &bits) != 0) return -1;
    *rts = (bits & TIOCM_RTS) ? 1 : 0;
    *dtr = (bits & TIOCM_DTR) ? 1 : 0;
    return 0;
}

int cserial_set_exclusive(int fd, int exclusive) {
    return ioctl(fd, exclusive ? TIOCEXCL : TIOCNXCL);
}

int cserial_open_pty(char *slave_path, size_t length) {
    int fd = posix_openpt(O_RDWR | O_NOCTTY);
    if (fd < 0) return -1;
    if (grantpt(fd) != 0 || unlockpt(fd) != 0 || slave_name(fd, slave_path, length) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}
