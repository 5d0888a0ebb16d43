#pragma once
/// Reading whole files with a size limit, and the crash-safe write (temp file + rename) that every
/// writer in Pantau uses.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "pantau/data/base/result.hpp"

namespace pantau::data {

/// Reads the whole file. Refuses (TooLarge) files over maxBytes before reading them, and anything
/// that is not a regular file (a FIFO would block the reader for good). The returned
/// string keeps `extraCapacity` spare bytes reserved (simdjson needs padding after the document).
Result<std::string> readFile(const std::filesystem::path& path, std::size_t maxBytes,
                             std::size_t extraCapacity = 0);

/// Writes `bytes` to `path` through a fresh temp file beside it (`name.tmp.<pid>.<n>`, created with
/// O_EXCL | O_NOFOLLOW) + rename: a reader sees the old file or the new one, never a torn one, even
/// if the process is killed. `durable` adds an fsync before the rename, for power loss too
/// (milliseconds per file: for state files, not for 92k documents). With `within` (a mirror's or
/// cache's root), every folder between it and `path` must be a real folder, not a symbolic link.
Status writeFileAtomic(const std::filesystem::path& path, std::string_view bytes, bool durable = true,
                       const std::filesystem::path& within = {});

}  // namespace pantau::data
