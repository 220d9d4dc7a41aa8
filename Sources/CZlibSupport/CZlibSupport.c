// Thin wrappers over the system zlib: Swift cannot call the inflateInit2/deflateInit2 macros directly.
#include "CZlibSupport.h"
#include <string.h>
#include <zlib.h>

// windowBits 15 + 16 selects the gzip wrapper (zlib.h, "deflateInit2" / "inflateInit2").
enum { GZIP_WINDOW_BITS = 15 + 16 };

int bk_gunzip(const uint8_t *input, size_t inputLength, uint8_t *output, size_t capacity, size_t *written) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (inflateInit2(&stream, GZIP_WINDOW_BITS) != Z_OK) return -1;
    stream.next_in = (Bytef *)input;
    stream.avail_in = (uInt)inputLength;
    stream.next_out = output;
    stream.avail_out = (uInt)capacity;
    int result = inflate(&stream, Z_FINISH);
    size_t produced = capacity - stream.avail_out;
    inflateEnd(&stream);
    if (result == Z_STREAM_END) {
        *written = produced;
        return 0;
    }
    if ((result == Z_BUF_ERROR || result == Z_OK) && stream.avail_out == 0) return -2;
    return -1;
}

int bk_gzip(const uint8_t *input, size_t inputLength, uint8_t *output, size_t capacity, size_t *written) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, GZIP_WINDOW_BITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) return -1;
    stream.next_in = (Bytef *)input;
    stream.avail_in = (uInt)inputLength;
    stream.next_out = output;
    stream.avail_out = (uInt)capacity;
    int result = deflate(&stream, Z_FINISH);
    size_t produced = capacity - stream.avail_out;
    deflateEnd(&stream);
    if (result != Z_STREAM_END) return -1;
    *written = produced;
    return 0;
}

size_t bk_gzip_bound(size_t length) {
    // deflateBound plus the gzip header and trailer (18 bytes), with slack.
    return compressBound((uLong)length) + 64;
}
