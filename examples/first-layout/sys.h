// The programs' own minimal Linux system interface, so the example images
// run directly on the host: write(2) and exit_group(2).
#ifndef SYS_H
#define SYS_H
static inline void sys_write(const char *buf, unsigned long len) {
  long ret;
  __asm__ volatile("syscall" : "=a"(ret) : "a"(1), "D"(1), "S"(buf), "d"(len)
                   : "rcx", "r11", "memory");
}
static inline __attribute__((noreturn)) void sys_exit(int code) {
  __asm__ volatile("syscall" : : "a"(231), "D"(code));
  __builtin_unreachable();
}
#endif
