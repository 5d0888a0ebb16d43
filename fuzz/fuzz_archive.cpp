// libFuzzer target: the archive reader and writer over damaged logs. An input whose first byte is
// even is a log as found on disk; odd, it is written as records first (the rest split at '\n'
// into bodies) and then damaged where its last bytes say: a flipped byte, a cut, so that the
// fuzzer explores whole records and not only the magic. Then: the reader opens it, reads every
// version and serves the newest usable one; the writer reopens it (cutting a torn tail) and
// appends; the reader must then see at least what it saw before.

#include <fcntl.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>

#include "pantau/data/archive/archive.hpp"
#include "pantau/data/base/file_io.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"

namespace {

std::filesystem::path dir() {
  static const std::filesystem::path d = std::filesystem::temp_directory_path() / ("pantau-fuzz-archive-" + std::to_string(::getpid()));
  return d;
}

void writeRecords(std::string_view rest) {
  auto w = pantau::data::ArchiveWriter::open(dir());
  if (!w) return;
  int i = 0;
  while (!rest.empty() && i < 64) {
    const std::size_t nl = rest.find('\n');
    const std::string_view body = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    (void)(*w)->append(1000 * (i % 7), "/pemilu/hhcw/ppwp/" + std::to_string(i % 5) + ".json", body);
    ++i;
  }
}

std::size_t readAll(const pantau::data::ArchiveReader& a) {
  std::size_t ok = 0;
  for (const std::string& path : a.paths()) {
    for (auto v = a.find(path, INT64_MAX); v; v = a.previous(path, *v)) ok += a.read(*v).ok();
    (void)a.readUsable(path, a.endMs(), [](const std::string& b) {
      thread_local pantau::data::SirekapParser parser;
      auto d = parser.parseDocument(b);
      return d ? pantau::data::Status::success() : pantau::data::Status(d.error());
    });
  }
  return ok;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace pantau::data;
  std::error_code ec;
  std::filesystem::remove_all(dir(), ec);
  std::filesystem::create_directories(dir(), ec);
  const auto log = dir() / kArchiveLog;
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  if (size > 0 && (data[0] & 1)) {
    writeRecords(in.substr(1, size > 9 ? size - 9 : 0));
    if (size > 9) {  // damage: offset (4 bytes), xor value, and a cut (3 bytes)
      uint32_t at = 0, cut = 0;
      std::memcpy(&at, data + size - 8, 4);
      std::memcpy(&cut, data + size - 4, 3);
      const auto fileSize = std::filesystem::file_size(log, ec);
      if (!ec && fileSize > 0) {
        const int fd = ::open(log.c_str(), O_RDWR);
        char c = 0;
        if (pread(fd, &c, 1, at % fileSize) == 1) {
          c = static_cast<char>(c ^ static_cast<char>(data[size - 1] | 1));
          (void)!pwrite(fd, &c, 1, at % fileSize);
        }
        if (cut % 3 == 0) (void)!ftruncate(fd, static_cast<off_t>(cut % (fileSize + 1)));
        ::close(fd);
      }
    }
  } else {
    (void)writeFileAtomic(log, in, false);
  }
  std::size_t before = 0;
  if (auto r = ArchiveReader::open(dir())) before = readAll(**r);
  if (auto w = ArchiveWriter::open(dir())) (void)(*w)->append(5000, "/pemilu/hhcw/ppwp.json", "{}");
  if (auto r = ArchiveReader::open(dir()); r && readAll(**r) < before) __builtin_trap();  // the writer lost a record
  return 0;
}
