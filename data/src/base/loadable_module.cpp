#include "pantau/data/base/loadable_module.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <system_error>

namespace pantau::data {

Result<const ModuleHeader*> loadModuleEntry(const std::string& file, const char* entry, ModuleHeader expected) {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  const std::filesystem::path path = (ec ? std::filesystem::path(".") : exe.parent_path()) / file;
  const std::string what = "module " + file + " (" + path.string() + ")";
  // RTLD_NOW: a symbol it lacks fails here, with its name, not in the middle of an export.
  // RTLD_LOCAL: its own copies of GDAL's or FFmpeg's names stay its own.
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = ::dlerror();
    return Error{ErrorCode::Missing, what + " could not be loaded: " + (why ? why : "unknown error") +
                                         " (it is built beside the binary: make build)"};
  }
  using EntryFn = const ModuleHeader* (*)();
  auto fn = reinterpret_cast<EntryFn>(::dlsym(handle, entry));
  if (!fn) {
    const char* why = ::dlerror();
    return Error{ErrorCode::Missing, what + " has no entry " + entry + ": " + (why ? why : "unknown error")};
  }
  const ModuleHeader* header = fn();
  if (!header || header->version != expected.version || header->tableSize != expected.tableSize)
    return Error{ErrorCode::Type, what + " is from another build (interface version " +
                                      std::to_string(header ? header->version : 0) + ", expected " +
                                      std::to_string(expected.version) + "): rebuild it with the binary"};
  return header;  // never unloaded: its functions may be running on other threads until exit
}

}  // namespace pantau::data
