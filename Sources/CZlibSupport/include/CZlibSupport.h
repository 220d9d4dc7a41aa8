#ifndef CZLIB_SUPPORT_H
#define CZLIB_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

/// Inflates one gzip stream from `input` into `output` (at most `capacity` bytes). Bytes after the end of the
/// stream (e.g. cipher padding) are ignored. Returns 0 and sets `*written` on success; -1 damaged or truncated
/// data; -2 the output would exceed `capacity`.
int bk_gunzip(const uint8_t *input, size_t inputLength, uint8_t *output, size_t capacity, size_t *written);

/// Deflates `input` as one gzip stream into `output` (`capacity` bytes). Returns 0 and sets `*written`, or -1.
int bk_gzip(const uint8_t *input, size_t inputLength, uint8_t *output, size_t capacity, size_t *written);

/// An upper bound for the gzip size of `length` bytes.
size_t bk_gzip_bound(size_t length);

#endif
