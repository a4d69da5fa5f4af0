#ifndef LIBS_H
#define LIBS_H
unsigned long fmt_unsigned(char *out, unsigned long value, unsigned base);
unsigned long str_len(const char *s);
void str_copy(char *dst, const char *src, unsigned long n);
unsigned long str_copy_count(void);
extern const char *const str_greetings[];
#endif
