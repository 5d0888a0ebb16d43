// pantau's executable: the huge-pages start (huge_pages.hpp), then the viewer module beside it
// (viewer_entry.hpp). It links libc only, so that the re-exec costs a libc start and not the
// viewer's 55 libraries; nothing here may pull in libstdc++ (ldd build/bin/pantau shows it).

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "huge_pages.hpp"
#include "viewer_entry.hpp"

namespace {

using ViewerMain = int (*)(int, char**);

/// PATH (PATH_MAX bytes) becomes "<directory of this executable>/<file>"; false, with a message
/// on stderr, when /proc/self/exe cannot be read or the path would not fit.
bool pathBesideExecutable(const char* file, char* path) {
  const ssize_t n = ::readlink("/proc/self/exe", path, PATH_MAX - 1);
  if (n < 0) {
    ::fprintf(stderr, "pantau: cannot find its own directory (/proc/self/exe): %s\n", ::strerror(errno));
    return false;
  }
  path[n] = '\0';
  char* slash = ::strrchr(path, '/');
  const size_t directory = slash ? static_cast<size_t>(slash - path) + 1 : 0;
  if (directory + ::strlen(file) >= PATH_MAX) {
    ::fprintf(stderr, "pantau: the path of %s beside %s is too long\n", file, path);
    return false;
  }
  ::strcpy(path + directory, file);
  return true;
}

/// The viewer's entry, or null after saying on stderr which file failed and why (dlerror()).
/// RTLD_LAZY: the binding the viewer had as an executable (a function bound on its first call).
/// RTLD_GLOBAL: pantau-gdal.so, loaded later by the viewer, takes pantau::data's symbols from it.
ViewerMain loadViewer(const char* path) {
  void* module = ::dlopen(path, RTLD_LAZY | RTLD_GLOBAL);
  if (!module) {
    ::fprintf(stderr, "pantau: cannot load the viewer module %s: %s\n", path, ::dlerror());
    return nullptr;
  }
  void* entry = ::dlsym(module, pantau::viewer::kViewerEntry);
  if (!entry) {
    ::fprintf(stderr, "pantau: the viewer module %s has no %s: %s\n", path, pantau::viewer::kViewerEntry, ::dlerror());
    return nullptr;
  }
  return reinterpret_cast<ViewerMain>(entry);
}

}  // namespace

int main(int argc, char** argv) {
  pantau::viewer::reexecWithHugePageMalloc(argv);
  char path[PATH_MAX];
  if (!pathBesideExecutable(pantau::viewer::kViewerModuleFile, path)) return EXIT_FAILURE;
  const ViewerMain viewerMain = loadViewer(path);
  return viewerMain ? viewerMain(argc, argv) : EXIT_FAILURE;
}
