#include "base/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace pantau::data {

Result<MappedFile> MappedFile::open(const std::filesystem::path& path, std::size_t maxBytes) {
  auto ioError = [&](const char* what) {
    return Error{ErrorCode::Io, path.string() + ": " + what + ": " + std::strerror(errno)};
  };
  // O_NONBLOCK: opening a FIFO would otherwise wait for a writer (it is refused below).
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return ioError("cannot open");
  struct stat st {};
  const bool stated = ::fstat(fd, &st) == 0;
  const int statErrno = errno;
  if (!stated || !S_ISREG(st.st_mode) || static_cast<std::size_t>(st.st_size) > maxBytes) {
    ::close(fd);
    errno = statErrno;
    if (!stated) return ioError("cannot stat");
    if (!S_ISREG(st.st_mode))
      return Error{ErrorCode::Io, path.string() + ": not a regular file (only files are mapped)"};
    return Error{ErrorCode::TooLarge, path.string() + ": " + std::to_string(st.st_size) +
                                          " bytes is over the limit of " + std::to_string(maxBytes)};
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size == 0) {
    ::close(fd);
    return MappedFile(nullptr, 0);
  }
  void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  const int mapErrno = errno;
  ::close(fd);  // the mapping keeps the file
  errno = mapErrno;
  if (data == MAP_FAILED) return ioError("cannot map");
  return MappedFile(data, size);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    if (m_data) ::munmap(m_data, m_size);
    m_data = std::exchange(other.m_data, nullptr);
    m_size = std::exchange(other.m_size, 0);
  }
  return *this;
}

MappedFile::~MappedFile() {
  if (m_data) ::munmap(m_data, m_size);
}

}  // namespace pantau::data
