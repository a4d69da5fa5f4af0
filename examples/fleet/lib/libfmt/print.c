// libfmt: printf to the console (buffered per call) and into buffers.
#include "cons.h"
#include "fmt.h"
#include "str.h"

struct console_buffer {
  char data[128];
  size_t used;
};

static void console_sink(void *context, const char *chunk, size_t len) {
  struct console_buffer *b = context;
  while (len) {
    size_t room = sizeof b->data - b->used;
    size_t n = len < room ? len : room;
    memcpy(b->data + b->used, chunk, n);
    b->used += n, chunk += n, len -= n;
    if (b->used == sizeof b->data) {
      cons_write(b->data, b->used);
      b->used = 0;
    }
  }
}

int vprintf(const char *format, va_list args) {
  struct console_buffer b;
  b.used = 0;
  int n = fmt_format(console_sink, &b, format, args);
  cons_write(b.data, b.used);
  return n;
}

int printf(const char *format, ...) {
  va_list args;
  va_start(args, format);
  int n = vprintf(format, args);
  va_end(args);
  return n;
}

struct string_buffer {
  char *data;
  size_t size, used;
};

static void string_sink(void *context, const char *chunk, size_t len) {
  struct string_buffer *b = context;
  if (b->used + 1 < b->size) {
    size_t room = b->size - 1 - b->used;
    memcpy(b->data + b->used, chunk, len < room ? len : room);
  }
  b->used += len;
}

int vsnprintf(char *buf, size_t size, const char *format, va_list args) {
  struct string_buffer b = {buf, size, 0};
  int n = fmt_format(string_sink, &b, format, args);
  if (size)
    buf[b.used < size ? b.used : size - 1] = 0;
  return n;
}

int snprintf(char *buf, size_t size, const char *format, ...) {
  va_list args;
  va_start(args, format);
  int n = vsnprintf(buf, size, format, args);
  va_end(args);
  return n;
}

void fmt_hexdump(const void *data, size_t len) {
  const unsigned char *bytes = data;
  for (size_t line = 0; line < len; line += 16) {
    char ascii[17];
    printf("%06zx ", line);
    for (size_t i = 0; i < 16; ++i) {
      if (line + i < len) {
        unsigned char c = bytes[line + i];
        printf(" %02x", c);
        ascii[i] = c >= 32 && c < 127 ? (char)c : '.';
      } else {
        printf("   ");
        ascii[i] = ' ';
      }
    }
    ascii[16] = 0;
    printf("  |%s|\n", ascii);
  }
}
