#ifndef CSERIALSUPPORT_H
#define CSERIALSUPPORT_H
// Thin C wrappers for ioctl calls Swift cannot make directly (variadic ioctl, struct termios2).
int cserial_placeholder(void);
#endif
