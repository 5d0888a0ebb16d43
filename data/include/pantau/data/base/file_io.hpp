#pragma once
/// Reading whole files with a size limit, and the crash-safe write (temp file + rename) that every
/// writer in Pantau uses.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "pantau/data/base/result.hpp"

namespace pantau::data {

/// Reads the whole file. Refuses (TooLarge) files over maxBytes before reading them. The returned
/// string keeps `extraCapacity` spare bytes reserved (simdjson needs padding after the document).
Result<std::string> readFile(const std::filesystem::path& path, std::size_t maxBytes,
                             std::size_t extraCapacity = 0);

/// Writes `bytes` to `path` through `path.tmp.<pid>` + rename: a reader sees the old file or the
/// new one, never a torn one, even if the process is killed. `durable` adds an fsync before the
/// rename, for power loss too (milliseconds per file: for state files, not for 92k documents).
Status writeFileAtomic(const std::filesystem::path& path, std::string_view bytes, bool durable = true);

}  // namespace pantau::data
