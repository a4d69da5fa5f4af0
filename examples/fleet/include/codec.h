// libcodec: checksums and a compressor. CRC-32 (IEEE, table-driven),
// Adler-32, Base64, and LZSS (4 KiB window, matches of 3..18 bytes, found
// through hash chains). Configuration: CODEC_LZSS_CHAIN sets how many
// candidates the compressor tries per position (speed against ratio).
#ifndef FLEET_CODEC_H
#define FLEET_CODEC_H
#include <stddef.h>
#include <stdint.h>

uint32_t codec_crc32(uint32_t crc, const void *data, size_t len);
uint32_t codec_adler32(uint32_t adler, const void *data, size_t len);

// Base64 (RFC 4648, padded). Return the output length, or (size_t)-1 when
// the output does not fit or the input is malformed.
size_t codec_base64_encode(const void *in, size_t len, char *out, size_t size);
size_t codec_base64_decode(const char *in, size_t len, void *out, size_t size);

// The worst-case LZSS output for LEN input bytes.
size_t codec_lzss_bound(size_t len);
// Return the output length, or (size_t)-1 when it does not fit or the
// compressed input is corrupt.
size_t codec_lzss_compress(const void *in, size_t len, void *out, size_t size);
size_t codec_lzss_decompress(const void *in, size_t len, void *out, size_t size);
unsigned codec_lzss_chain(void);
#endif
