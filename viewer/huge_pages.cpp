#include "huge_pages.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

namespace pantau::viewer {
namespace {

constexpr const char* kTunable = "glibc.malloc.hugetlb=1";

/// "always [madvise] never": the bracketed word is the kernel's mode.
bool kernelGivesHugePagesOnRequestOnly() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  std::getline(in, modes);
  return modes.find("[madvise]") != std::string::npos;
}

}  // namespace

void reexecWithHugePageMalloc(char** argv) {
  if (const char* off = std::getenv("PANTAU_HUGE_PAGES"); off && std::strcmp(off, "0") == 0) return;
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables && std::strstr(tunables, "glibc.malloc.hugetlb")) return;  // set: by us or the user
  if (!kernelGivesHugePagesOnRequestOnly()) return;
  const std::string before = tunables ? tunables : "";
  const std::string value = before.empty() ? kTunable : before + ":" + kTunable;
  if (::setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  ::execv("/proc/self/exe", argv);  // returns only on failure: run on as we are
  if (before.empty()) ::unsetenv("GLIBC_TUNABLES");
  else ::setenv("GLIBC_TUNABLES", before.c_str(), 1);
}

}  // namespace pantau::viewer
