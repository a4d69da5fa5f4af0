// libfmt: printf-style formatting to the console or into buffers.
// Conversions: %d %i %u %x %X %o %b %c %s %p %%, with flags '-' '0' '+' ' '
// '#', a width and a precision (both may be '*'), and the length modifiers
// hh h l ll z.
#ifndef FLEET_FMT_H
#define FLEET_FMT_H
#include <stdarg.h>
#include <stddef.h>

int printf(const char *format, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *format, va_list args);
int snprintf(char *buf, size_t size, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *format, va_list args);

// Formats into a callback, one chunk at a time; returns the length.
typedef void (*fmt_sink)(void *context, const char *chunk, size_t len);
int fmt_format(fmt_sink sink, void *context, const char *format, va_list args);

// A hex dump of LEN bytes, 16 per line, with offsets and ASCII.
void fmt_hexdump(const void *data, size_t len);
#endif
