/* A compressor: packs a generated buffer with zlib and with zstd, unpacks
 * both and checks the round trip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

enum { Size = 1 << 16 };

int main(void) {
  unsigned char *in = malloc(Size), *out = malloc(2 * Size),
                *back = malloc(Size);
  if (!in || !out || !back)
    return 1;
  for (unsigned i = 0; i < Size; ++i)
    in[i] = "spacer packs pages "[i % 19] ^ (unsigned char)(i / 4096);

  uLongf zlen = 2 * Size, blen = Size;
  if (compress2(out, &zlen, in, Size, 9) != Z_OK ||
      uncompress(back, &blen, out, zlen) != Z_OK || blen != Size ||
      memcmp(in, back, Size))
    return 1;
  printf("zlib %lu bytes, crc32 %08lx\n", (unsigned long)zlen,
         crc32(0, in, Size));

  size_t slen = ZSTD_compress(out, 2 * Size, in, Size, 19);
  if (ZSTD_isError(slen) ||
      ZSTD_decompress(back, Size, out, slen) != Size || memcmp(in, back, Size))
    return 1;
  printf("zstd %zu bytes\n", slen);
  free(in);
  free(out);
  free(back);
  return 0;
}
