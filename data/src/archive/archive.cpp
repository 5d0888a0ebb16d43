#include "pantau/data/archive/archive.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>

namespace pantau::data {

namespace {

constexpr char kMagic[4] = {'P', 'Z', 'A', '1'};
constexpr std::size_t kHeaderBytes = 4 + 4 + 8 + 4 + 4 + 4 + 4;
constexpr uint32_t kMaxPath = 4096;
constexpr uint32_t kMaxDocument = 256u << 20;

struct Header {
  int64_t timeMs = 0;
  uint32_t pathLen = 0, rawLen = 0, storedLen = 0, bodyCrc = 0;
};

uint32_t crc(const void* p, std::size_t n) { return static_cast<uint32_t>(crc32(0L, static_cast<const Bytef*>(p), static_cast<uInt>(n))); }

void put32(char* p, uint32_t v) { std::memcpy(p, &v, 4); }
void put64(char* p, int64_t v) { std::memcpy(p, &v, 8); }
uint32_t get32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
int64_t get64(const char* p) {
  int64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

/// Reads and checks one header at `offset`; false at the end or at a torn or corrupt record.
bool readHeader(int fd, uint64_t offset, uint64_t fileSize, Header& h, std::string& path) {
  char buf[kHeaderBytes];
  if (offset + kHeaderBytes > fileSize) return false;
  if (pread(fd, buf, kHeaderBytes, static_cast<off_t>(offset)) != static_cast<ssize_t>(kHeaderBytes)) return false;
  if (std::memcmp(buf, kMagic, 4) != 0 || get32(buf + 4) != crc(buf + 8, kHeaderBytes - 8)) return false;
  h.timeMs = get64(buf + 8);
  h.pathLen = get32(buf + 16);
  h.rawLen = get32(buf + 20);
  h.storedLen = get32(buf + 24);
  h.bodyCrc = get32(buf + 28);
  if (h.pathLen == 0 || h.pathLen > kMaxPath || h.rawLen > kMaxDocument || h.storedLen > kMaxDocument) return false;
  if (offset + kHeaderBytes + h.pathLen + h.storedLen > fileSize) return false;  // torn: the body never made it
  path.resize(h.pathLen);
  return pread(fd, path.data(), h.pathLen, static_cast<off_t>(offset + kHeaderBytes)) == static_cast<ssize_t>(h.pathLen) &&
         isSafeApiPath(path);
}

/// The end of the last whole record (where appending must start).
uint64_t scanValidEnd(int fd, uint64_t fileSize, const std::function<void(uint64_t, const Header&, std::string&)>& each) {
  uint64_t at = 0;
  Header h;
  std::string path;
  while (readHeader(fd, at, fileSize, h, path)) {
    each(at, h, path);
    at += kHeaderBytes + h.pathLen + h.storedLen;
  }
  return at;
}

uint64_t fnv(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h ^ s.size();
}

Error ioError(const std::filesystem::path& f, const char* what) {
  return Error{ErrorCode::Io, f.string() + ": " + what + ": " + std::strerror(errno)};
}

}  // namespace

// ---- writer ----

Result<std::unique_ptr<ArchiveWriter>> ArchiveWriter::open(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error{ErrorCode::Io, dir.string() + ": cannot create: " + ec.message()};
  auto w = std::unique_ptr<ArchiveWriter>(new ArchiveWriter());
  w->m_file = dir / kArchiveLog;
  w->m_fd = ::open(w->m_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (w->m_fd < 0) return ioError(w->m_file, "cannot open");
  struct stat st {};
  fstat(w->m_fd, &st);
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  // Learn each path's last body (so unchanged ones are skipped) and where the whole records end.
  std::unordered_map<std::string, std::pair<uint64_t, Header>> last;
  const uint64_t end = scanValidEnd(w->m_fd, size, [&](uint64_t off, const Header& h, std::string& path) {
    last[path] = {off, h};
    w->m_stats.records++;
  });
  if (end < size) {  // a torn tail: cut it off before appending
    if (ftruncate(w->m_fd, static_cast<off_t>(end)) != 0) return ioError(w->m_file, "cannot cut the torn tail");
    w->m_stats.tornBytes = size - end;
  }
  if (lseek(w->m_fd, static_cast<off_t>(end), SEEK_SET) < 0) return ioError(w->m_file, "cannot seek");
  w->m_cctx = ZSTD_createCCtx();
  // The last bodies' hashes: read back (decompressed) once, at open.
  ZSTD_DCtx* d = ZSTD_createDCtx();
  std::string stored, raw;
  for (auto& [path, rec] : last) {
    const Header& h = rec.second;
    stored.resize(h.storedLen);
    raw.resize(h.rawLen);
    if (pread(w->m_fd, stored.data(), h.storedLen, static_cast<off_t>(rec.first + kHeaderBytes + h.pathLen)) != static_cast<ssize_t>(h.storedLen)) continue;
    if (ZSTD_isError(ZSTD_decompressDCtx(d, raw.data(), raw.size(), stored.data(), stored.size()))) continue;
    w->m_lastHash[path] = fnv(raw);
  }
  ZSTD_freeDCtx(d);
  return w;
}

ArchiveWriter::~ArchiveWriter() {
  if (m_fd >= 0) ::close(m_fd);
  ZSTD_freeCCtx(static_cast<ZSTD_CCtx*>(m_cctx));
}

Status ArchiveWriter::append(int64_t timeMs, std::string_view path, std::string_view body) {
  if (!isSafeApiPath(path) || path.size() > kMaxPath) return Error{ErrorCode::Refused, std::string(path.substr(0, 200)) + ": not a path to archive"};
  if (body.size() > kMaxDocument) return Error{ErrorCode::TooLarge, std::string(path) + ": too large to archive"};
  const uint64_t h = fnv(body);
  auto it = m_lastHash.find(std::string(path));
  if (it != m_lastHash.end() && it->second == h) {
    m_stats.unchanged++;
    return Status::success();
  }
  // Header, path and compressed body in one buffer, written with one append.
  const std::size_t bound = ZSTD_compressBound(body.size());
  m_buffer.resize(kHeaderBytes + path.size() + bound);
  char* out = m_buffer.data();
  const std::size_t z = ZSTD_compressCCtx(static_cast<ZSTD_CCtx*>(m_cctx), out + kHeaderBytes + path.size(), bound, body.data(),
                                          body.size(), 3);
  if (ZSTD_isError(z)) return Error{ErrorCode::Io, std::string(path) + ": zstd: " + ZSTD_getErrorName(z)};
  std::memcpy(out, kMagic, 4);
  put64(out + 8, timeMs);
  put32(out + 16, static_cast<uint32_t>(path.size()));
  put32(out + 20, static_cast<uint32_t>(body.size()));
  put32(out + 24, static_cast<uint32_t>(z));
  put32(out + 28, crc(out + kHeaderBytes + path.size(), z));
  put32(out + 4, crc(out + 8, kHeaderBytes - 8));
  std::memcpy(out + kHeaderBytes, path.data(), path.size());
  const std::size_t total = kHeaderBytes + path.size() + z;
  std::size_t done = 0;
  while (done < total) {
    const ssize_t n = ::write(m_fd, out + done, total - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return ioError(m_file, "cannot append");
    done += static_cast<std::size_t>(n);
  }
  m_lastHash[std::string(path)] = h;
  m_stats.records++;
  m_stats.rawBytes += body.size();
  m_stats.storedBytes += total;
  return Status::success();
}

Status ArchiveWriter::sync() {
  if (fsync(m_fd) != 0) return ioError(m_file, "cannot sync");
  return Status::success();
}

// ---- reader ----

Result<std::shared_ptr<const ArchiveReader>> ArchiveReader::open(const std::filesystem::path& dir) {
  auto r = std::shared_ptr<ArchiveReader>(new ArchiveReader());
  r->m_file = dir / kArchiveLog;
  r->m_fd = ::open(r->m_file.c_str(), O_RDONLY | O_CLOEXEC);
  if (r->m_fd < 0) return ioError(r->m_file, "cannot open the archive");
  struct stat st {};
  fstat(r->m_fd, &st);
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  bool first = true;
  const uint64_t end = scanValidEnd(r->m_fd, size, [&](uint64_t off, const Header& h, std::string& path) {
    auto [it, fresh] = r->m_versions.try_emplace(path);
    if (fresh) r->m_paths.push_back(path);
    it->second.push_back({h.timeMs, off});
    r->m_times.push_back(h.timeMs);
    r->m_begin = first ? h.timeMs : std::min(r->m_begin, h.timeMs);
    r->m_end = first ? h.timeMs : std::max(r->m_end, h.timeMs);
    if (path.starts_with("/pemilu/hhcw/")) r->m_firstCount = std::min(r->m_firstCount, h.timeMs);
    first = false;
    r->m_records++;
    r->m_stats.storedBytes += kHeaderBytes + h.pathLen + h.storedLen;
    r->m_stats.rawBytes += h.rawLen;
  });
  r->m_stats.records = r->m_records;
  if (r->m_firstCount == INT64_MAX) r->m_firstCount = r->m_begin;
  r->m_stats.tornBytes = size - end;
  if (r->m_records == 0 && size > 0) return Error{ErrorCode::Syntax, r->m_file.string() + ": not a Pantau archive (no whole record)"};
  // Versions by time; records of one path arrive in time order, but a source's clock may step back.
  for (auto& [path, v] : r->m_versions)
    std::stable_sort(v.begin(), v.end(), [](const Version& a, const Version& b) { return a.timeMs < b.timeMs; });
  std::sort(r->m_times.begin(), r->m_times.end());
  r->m_times.erase(std::unique(r->m_times.begin(), r->m_times.end()), r->m_times.end());
  return std::shared_ptr<const ArchiveReader>(std::move(r));
}

ArchiveReader::~ArchiveReader() {
  if (m_fd >= 0) ::close(m_fd);
}

std::optional<ArchiveReader::Version> ArchiveReader::find(std::string_view path, int64_t atMs) const {
  auto it = m_versions.find(std::string(path));
  if (it == m_versions.end()) return std::nullopt;
  const auto& v = it->second;
  auto after = std::upper_bound(v.begin(), v.end(), atMs, [](int64_t t, const Version& x) { return t < x.timeMs; });
  if (after == v.begin()) return std::nullopt;
  return *(after - 1);
}

Result<std::string> ArchiveReader::read(const Version& v) const {
  struct stat st {};
  fstat(m_fd, &st);
  Header h;
  std::string path;
  if (!readHeader(m_fd, v.offset, static_cast<uint64_t>(st.st_size), h, path))
    return Error{ErrorCode::Syntax, m_file.string() + ": no whole record at offset " + std::to_string(v.offset)};
  std::string stored(h.storedLen, '\0');
  if (pread(m_fd, stored.data(), h.storedLen, static_cast<off_t>(v.offset + kHeaderBytes + h.pathLen)) != static_cast<ssize_t>(h.storedLen))
    return ioError(m_file, "cannot read a record");
  if (crc(stored.data(), stored.size()) != h.bodyCrc)
    return Error{ErrorCode::Syntax, m_file.string() + ": " + path + ": record at " + std::to_string(v.offset) + " is corrupt (CRC)"};
  std::string raw;
  raw.reserve(h.rawLen + 64);  // padding for the parser to read in place
  raw.resize(h.rawLen);
  const std::size_t n = ZSTD_decompress(raw.data(), raw.size(), stored.data(), stored.size());
  if (ZSTD_isError(n) || n != h.rawLen)
    return Error{ErrorCode::Syntax, m_file.string() + ": " + path + ": cannot decompress (" + (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "short") + ")"};
  return raw;
}

// ---- source ----

namespace {
class ArchiveSource final : public Source {
 public:
  ArchiveSource(std::shared_ptr<const ArchiveReader> a, std::optional<int64_t> at) : m_archive(std::move(a)), m_at(at.value_or(m_archive->endMs())) {}
  std::string describe() const override { return "archive at " + std::to_string(m_at) + " ms"; }
  void fetch(std::span<const FetchRequest> requests, const std::function<void(FetchResult&&)>& onDone) override {
    for (const FetchRequest& q : requests) {
      FetchResult r;
      r.tag = q.tag;
      r.path = q.path;
      auto v = m_archive->find(q.path, m_at);
      if (!v) {
        r.httpStatus = 404;
        r.error = {ErrorCode::Missing, q.path + ": not in the archive at this time"};
      } else if (q.validators.etag == std::to_string(v->offset)) {
        r.outcome = FetchOutcome::NotModified;
        r.httpStatus = 304;
        r.validators = q.validators;
      } else if (auto body = m_archive->read(*v); !body) {
        r.error = body.error();
      } else {
        r.outcome = FetchOutcome::Ok;
        r.httpStatus = 200;
        r.wireBytes = body->size();
        r.body = std::move(*body);
        r.validators.etag = std::to_string(v->offset);
        r.versionTimeMs = v->timeMs;
      }
      onDone(std::move(r));
    }
  }

 private:
  std::shared_ptr<const ArchiveReader> m_archive;
  int64_t m_at;
};
}  // namespace

std::unique_ptr<Source> makeArchiveSource(std::shared_ptr<const ArchiveReader> archive, std::optional<int64_t> atMs) {
  return std::make_unique<ArchiveSource>(std::move(archive), atMs);
}

}  // namespace pantau::data
