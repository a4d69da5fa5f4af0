// libstr: memory and string routines (the part of a libc every library
// needs; the compiler also calls memcpy/memset/memmove/memcmp itself).
#ifndef FLEET_STR_H
#define FLEET_STR_H
#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
size_t strlcpy(char *dst, const char *src, size_t size);
size_t strlcat(char *dst, const char *src, size_t size);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strtok_r(char *s, const char *delim, char **save);

int isspace(int c);
int isdigit(int c);
int isalpha(int c);
int isalnum(int c);
int tolower(int c);
int toupper(int c);

// strtol/strtoul with base 0 (prefix-detected) or 2..36; *end (if not
// null) points past the digits.
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
int atoi(const char *s);

// In-place helpers.
void str_reverse(char *s, size_t len);
char *str_trim(char *s);
#endif
