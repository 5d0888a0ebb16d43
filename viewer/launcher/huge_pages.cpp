#include "huge_pages.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// libc only (the launcher links nothing else): no std::string, no streams.
namespace pantau::viewer {
namespace {

constexpr const char* kTunable = "glibc.malloc.hugetlb=1";

/// "always [madvise] never": the bracketed word is the kernel's mode.
bool kernelGivesHugePagesOnRequestOnly() {
  const int fd = ::open("/sys/kernel/mm/transparent_hugepage/enabled", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char modes[128];
  const ssize_t n = ::read(fd, modes, sizeof modes - 1);
  ::close(fd);
  if (n <= 0) return false;
  modes[n] = '\0';
  return ::strstr(modes, "[madvise]") != nullptr;
}

}  // namespace

void reexecWithHugePageMalloc(char** argv) {
  if (const char* off = ::getenv("PANTAU_HUGE_PAGES"); off && ::strcmp(off, "0") == 0) return;
  const char* tunables = ::getenv("GLIBC_TUNABLES");
  if (tunables && ::strstr(tunables, "glibc.malloc.hugetlb")) return;  // set: by us or the user
  if (!kernelGivesHugePagesOnRequestOnly()) return;
  // The user's tunables kept, ours appended; setenv copies, so `value` is ours to free.
  char* value = nullptr;
  const int length = tunables && *tunables ? ::asprintf(&value, "%s:%s", tunables, kTunable)
                                           : ::asprintf(&value, "%s", kTunable);
  if (length < 0) return;
  char* before = tunables ? ::strdup(tunables) : nullptr;  // setenv may free what getenv gave
  const bool set = ::setenv("GLIBC_TUNABLES", value, 1) == 0;
  ::free(value);
  if (set) ::execv("/proc/self/exe", argv);  // returns only on failure: run on as we are
  if (before) ::setenv("GLIBC_TUNABLES", before, 1);
  else ::unsetenv("GLIBC_TUNABLES");
  ::free(before);
}

}  // namespace pantau::viewer
