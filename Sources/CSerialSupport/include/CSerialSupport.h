#ifndef CSERIALSUPPORT_H
#define CSERIALSUPPORT_H
// Thin C wrappers for ioctl calls Swift cannot make directly (variadic ioctl, struct termios2).
// Every function returns 0 on success, or -1 with errno set.
#include <stddef.h>
#include <stdint.h>

/// Reads the input and output rates of a tty in bits per second (Linux: TCGETS2, so custom rates are seen too).
int cserial_get_speed(int fd, uint32_t *input_speed, uint32_t *output_speed);

/// Sets an arbitrary rate (Linux: TCSETS2 with BOTHER; macOS: IOSSIOSPEED). Leaves all other settings unchanged.
int cserial_set_custom_speed(int fd, uint32_t speed);

/// Sets (1) or clears (0) RTS and DTR; a negative value leaves that line unchanged (TIOCMBIS/TIOCMBIC).
int cserial_set_modem_lines(int fd, int rts, int dtr);

/// Reads RTS and DTR (TIOCMGET): each set to 1 or 0.
int cserial_get_modem_lines(int fd, int *rts, int *dtr);

/// Exclusive mode on (TIOCEXCL) or off (TIOCNXCL).
int cserial_set_exclusive(int fd, int exclusive);

/// Opens a new pseudo-terminal master (posix_openpt, grantpt, unlockpt) and writes its slave path into
/// `slave_path`. Returns the master descriptor, or -1 with errno set.
int cserial_open_pty(char *slave_path, size_t length);

#endif
