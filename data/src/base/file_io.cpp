#include "pantau/data/base/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) return ioError(path, "cannot open");
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) return ioError(path, "cannot stat");
  if (S_ISDIR(st.st_mode)) return Error{ErrorCode::Io, path.string() + ": is a directory"};
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

Status writeFileAtomic(const std::filesystem::path& path, std::string_view bytes, bool durable) {
  std::filesystem::path tmp = path;
  tmp += ".tmp." + std::to_string(::getpid());
  {
    Fd f{::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)};
    if (f.fd < 0) return ioError(tmp, "cannot create");
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
      ssize_t n = ::write(f.fd, p, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        Error e = ioError(tmp, "write failed");
        ::unlink(tmp.c_str());
        return e;
      }
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    if (durable && ::fsync(f.fd) != 0) {
      Error e = ioError(tmp, "fsync failed");
      ::unlink(tmp.c_str());
      return e;
    }
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    Error e = ioError(path, "rename failed");
    ::unlink(tmp.c_str());
    return e;
  }
  return Status::success();
}

}  // namespace pantau::data
