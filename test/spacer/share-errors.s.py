# Helper of share-errors.s: copies an ELF64 image, making its first PT_LOAD
# claim 1 MiB of file bytes (more than the file has).
import struct
import sys

data = bytearray(open(sys.argv[1], "rb").read())
phoff, = struct.unpack_from("<Q", data, 0x20)
phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
for i in range(phnum):
    off = phoff + i * phentsize
    if struct.unpack_from("<I", data, off)[0] == 1:  # PT_LOAD
        struct.pack_into("<QQ", data, off + 32, 0x100000, 0x100000)
        break
open(sys.argv[2], "wb").write(data)
