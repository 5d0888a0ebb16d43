#pragma once
// A read-only memory map of a whole file (private to the data library): the binary caches (the
// region tree pack, the mesh cache) are read through it, so a reader touches only the pages of the
// sections it uses, and what it touches stays clean page cache, not a heap copy.

#include <cstddef>
#include <filesystem>
#include <string_view>

#include "pantau/data/base/result.hpp"

namespace pantau::data {

class MappedFile {
 public:
  /// Maps `path`. Refuses what readFile refuses: anything that is not a regular file, and files
  /// over `maxBytes` (TooLarge). An empty file maps to an empty view.
  static Result<MappedFile> open(const std::filesystem::path& path, std::size_t maxBytes);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  /// Valid while this object lives. A file truncated by another process while mapped would fault
  /// on access: the caches are only ever replaced by rename, never rewritten in place.
  std::string_view bytes() const { return {static_cast<const char*>(m_data), m_size}; }

 private:
  MappedFile(void* data, std::size_t size) : m_data(data), m_size(size) {}
  void* m_data = nullptr;
  std::size_t m_size = 0;
};

}  // namespace pantau::data
