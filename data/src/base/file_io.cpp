#include "pantau/data/base/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace pantau::data {

namespace {
Error ioError(const std::filesystem::path& path, const char* what) {
  return {ErrorCode::Io, path.string() + ": " + what + ": " + std::strerror(errno)};
}

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};
}  // namespace

Result<std::string> readFile(const std::filesystem::path& path, std::size_t maxBytes,
                             std::size_t extraCapacity) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
  if (f.fd < 0) return ioError(path, "cannot open");
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) return ioError(path, "cannot stat");
  if (S_ISDIR(st.st_mode)) return Error{ErrorCode::Io, path.string() + ": is a directory"};
  if (!S_ISREG(st.st_mode)) return Error{ErrorCode::Io, path.string() + ": not a regular file (a FIFO, device or socket is never read)"};
  if (static_cast<std::size_t>(st.st_size) > maxBytes)
    return Error{ErrorCode::TooLarge, path.string() + ": " + std::to_string(st.st_size) +
                                          " bytes is over the limit of " +
                                          std::to_string(maxBytes)};
  std::string out;
  out.reserve(static_cast<std::size_t>(st.st_size) + extraCapacity);
  // Read until EOF rather than trusting st_size: files in /proc or pipes report 0.
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(f.fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ioError(path, "read failed");
    }
    if (n == 0) break;
    if (out.size() + static_cast<std::size_t>(n) > maxBytes)
      return Error{ErrorCode::TooLarge, path.string() + ": over the limit of " +
                                            std::to_string(maxBytes) + " bytes"};
    out.append(buf, static_cast<std::size_t>(n));
  }
  if (out.capacity() < out.size() + extraCapacity) out.reserve(out.size() + extraCapacity);
  return out;
}

namespace {

/// The folder `path` is in, opened; with `within`, each folder from `within` down is opened without
/// following symbolic links, so that a link planted inside a mirror cannot send a write elsewhere.
Result<int> openParent(const std::filesystem::path& path, const std::filesystem::path& within) {
  const std::filesystem::path parent = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  if (within.empty()) {
    const int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return ioError(parent, "cannot open the folder");
    return fd;
  }
  const std::filesystem::path rel = parent.lexically_normal().lexically_relative(within.lexically_normal());
  if (rel.empty() || *rel.begin() == "..") return Error{ErrorCode::Refused, path.string() + ": outside " + within.string()};
  int fd = ::open(within.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ioError(within, "cannot open the folder");
  for (const auto& part : rel) {
    if (part == ".") continue;
    const int next = ::openat(fd, part.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    ::close(fd);
    if (next < 0)
      return Error{ErrorCode::Refused, path.string() + ": '" + part.string() + "' is a symbolic link or not a folder: " + std::strerror(errno)};
    fd = next;
  }
  return fd;
}

}  // namespace

Status writeFileAtomic(const std::filesystem::path& path, std::string_view bytes, bool durable, const std::filesystem::path& within) {
  auto dir = openParent(path, within);
  if (!dir) return dir.error();
  Fd folder{*dir};
  const std::string name = path.filename().string();
  static std::atomic<unsigned> counter{0};
  // O_EXCL | O_NOFOLLOW: never write through a planted link or into another writer's temp file.
  std::string tmp;
  int fd = -1;
  for (int attempt = 0; attempt < 8 && fd < 0; ++attempt) {
    tmp = name + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
    fd = ::openat(folder.fd, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) return ioError(path.parent_path() / tmp, "cannot create");
  {
    Fd f{fd};
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
      ssize_t n = ::write(f.fd, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        Error e = ioError(path.parent_path() / tmp, "write failed");
        ::unlinkat(folder.fd, tmp.c_str(), 0);
        return e;
      }
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    if (durable && ::fsync(f.fd) != 0) {
      Error e = ioError(path.parent_path() / tmp, "fsync failed");
      ::unlinkat(folder.fd, tmp.c_str(), 0);
      return e;
    }
  }
  if (::renameat(folder.fd, tmp.c_str(), folder.fd, name.c_str()) != 0) {
    Error e = ioError(path, "rename failed");
    ::unlinkat(folder.fd, tmp.c_str(), 0);
    return e;
  }
  return Status::success();
}

}  // namespace pantau::data
