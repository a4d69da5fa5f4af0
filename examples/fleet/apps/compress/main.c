// compress: checksums with their published check values, Base64 and LZSS
// round trips over generated text.
#include "alloc.h"
#include "codec.h"
#include "crypto.h"
#include "fmt.h"
#include "str.h"

static const char *const words[] = {
    "unikernel", "page", "library", "layout", "merge", "guest", "host",
    "memory", "slot", "address", "kernel", "image", "share", "fleet",
};

// Deterministic text: words picked by a linear congruential generator.
static size_t generate(char *buf, size_t size, uint32_t seed) {
  size_t n = 0;
  while (n + 16 < size) {
    seed = seed * 1103515245u + 12345u;
    const char *w = words[(seed >> 16) % (sizeof words / sizeof *words)];
    size_t len = strlen(w);
    memcpy(buf + n, w, len);
    n += len;
    buf[n++] = (seed >> 8) % 11 == 0 ? '\n' : ' ';
  }
  return n;
}

static int check(const char *what, uint32_t got, uint32_t want) {
  printf("%-22s %08x %s\n", what, got, got == want ? "ok" : "MISMATCH");
  return got != want;
}

int main(void) {
  int failures = 0;
  failures += check("crc32(\"123456789\")", codec_crc32(0, "123456789", 9), 0xcbf43926);
  failures += check("adler32(\"Wikipedia\")", codec_adler32(1, "Wikipedia", 9), 0x11e60398);
  failures += check("crc32(\"\")", codec_crc32(0, "", 0), 0);

  char b64[32], back[32];
  size_t n = codec_base64_encode("fleets", 6, b64, sizeof b64);
  size_t m = codec_base64_decode(b64, n, back, sizeof back);
  printf("base64(\"fleets\") = %s, decodes to %zu bytes\n", b64, m);
  failures += m != 6 || memcmp(back, "fleets", 6) != 0;
  failures += codec_base64_decode("Zm9v!A==", 8, back, sizeof back) != (size_t)-1;

  enum { TEXT = 48 * 1024 };
  char *text = malloc(TEXT);
  uint8_t *packed = malloc(codec_lzss_bound(TEXT));
  char *unpacked = malloc(TEXT);
  if (!text || !packed || !unpacked) {
    printf("compress: out of memory\n");
    return 1;
  }
  for (uint32_t seed = 1; seed <= 3; ++seed) {
    size_t len = generate(text, TEXT / seed, seed * 7);
    size_t clen = codec_lzss_compress(text, len, packed, codec_lzss_bound(TEXT));
    size_t dlen = codec_lzss_decompress(packed, clen, unpacked, TEXT);
    int same = dlen == len && memcmp(text, unpacked, len) == 0;
    uint8_t digest[32];
    char hex[65];
    sha256(text, len, digest);
    crypto_hex(digest, 8, hex);
    printf("lzss seed %u: %zu -> %zu bytes (%zu.%02zu%%), crc %08x, sha256 %s..., round trip %s\n",
           seed, len, clen, clen * 100 / len, clen * 10000 / len % 100,
           codec_crc32(0, text, len), hex, same ? "ok" : "FAILED");
    failures += !same;
  }
  packed[0] = 0; // a flag byte, then a match reaching before the start
  packed[1] = 0xff;
  packed[2] = 0xf0;
  failures += codec_lzss_decompress(packed, 3, unpacked, TEXT) != (size_t)-1;
  free(unpacked);
  free(packed);
  free(text);
  printf("lzss chain %u, %d failures, heap check %d\n", codec_lzss_chain(),
         failures, alloc_check());
  return failures || alloc_check() ? 1 : 0;
}
