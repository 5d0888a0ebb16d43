#pragma once
/// The parts of Pantau that need large libraries live in shared-object modules beside the binary,
/// loaded on first use: pantau-gdal.so (boundaries read and triangulated, dapil dissolved, exports
/// written, through GDAL and GEOS) and pantau-ffmpeg.so (the on-air stream encoder). A warm still
/// never calls them, and does not pay at start for loading and relocating the 200 libraries they
/// bring (README "A whole-process still against mapnik"). The tools and tests link the same code
/// directly.
///
/// A module exports one C function returning its table of entry points (a struct of function
/// pointers whose layout both sides take from one header); the binary and its modules are built
/// together, so the table's size and version are checked, not its types.
///
/// Threading: loadModuleEntry may be called from any thread; the caller keeps the table.

#include <cstdint>
#include <string>
#include <type_traits>

#include "pantau/data/base/result.hpp"

namespace pantau::data {

/// Every module table starts with this: what the binary checks before using the rest.
struct ModuleHeader {
  uint32_t version;    ///< the interface's version, bumped when an entry changes
  uint32_t tableSize;  ///< sizeof the whole table
};

/// Loads FILE (e.g. "pantau-gdal.so") from the directory of the running binary (/proc/self/exe)
/// and returns what its C function ENTRY returns, after checking its header against `expected`.
/// Fails naming the module's path and dlerror() (missing file, a library it needs missing, an
/// unresolved symbol), or the mismatch (a module from another build).
Result<const ModuleHeader*> loadModuleEntry(const std::string& file, const char* entry, ModuleHeader expected);

/// loadModuleEntry for a table type whose first member is its ModuleHeader.
template <class Table>
Result<const Table*> loadModuleTable(const std::string& file, const char* entry, uint32_t version) {
  static_assert(std::is_standard_layout_v<Table>, "a module table is a struct of function pointers");
  auto header = loadModuleEntry(file, entry, {version, static_cast<uint32_t>(sizeof(Table))});
  if (!header) return header.error();
  return reinterpret_cast<const Table*>(*header);  // its first member: pointer-interconvertible
}

}  // namespace pantau::data
