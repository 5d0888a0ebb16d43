#include "pantau/data/archive/archive.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>

#include "pantau/data/contests/document_check.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"

namespace pantau::data {

namespace {

constexpr char kMagic[4] = {'P', 'Z', 'A', '1'};
constexpr std::size_t kHeaderBytes = 4 + 4 + 8 + 4 + 4 + 4 + 4;
constexpr uint32_t kMaxPath = 4096;

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

bool plausibleTime(int64_t timeMs) { return timeMs >= 0 && timeMs <= kMaxArchiveTimeMs; }

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
  if (!plausibleTime(h.timeMs)) return false;
  if (h.pathLen == 0 || h.pathLen > kMaxPath || h.rawLen > kMaxArchiveBody || h.storedLen > ZSTD_compressBound(kMaxArchiveBody)) return false;
  if (offset + kHeaderBytes + h.pathLen + h.storedLen > fileSize) return false;  // torn: the body never made it
  path.resize(h.pathLen);
  return pread(fd, path.data(), h.pathLen, static_cast<off_t>(offset + kHeaderBytes)) == static_cast<ssize_t>(h.pathLen) &&
         isSafeApiPath(path);
}

/// The next offset after `from` where a whole record starts, or `fileSize`: how a reader steps over
/// damage in the middle of a log (a flipped bit, a record half written by a full disk) instead of
/// losing everything after it.
uint64_t resync(int fd, uint64_t from, uint64_t fileSize) {
  std::string window(1 << 16, '\0');
  Header h;
  std::string path;
  for (uint64_t at = from; at < fileSize;) {
    const ssize_t n = pread(fd, window.data(), window.size(), static_cast<off_t>(at));
    if (n < 4) return fileSize;
    const std::string_view w(window.data(), static_cast<std::size_t>(n));
    for (std::size_t i = w.find(std::string_view(kMagic, 4)); i != std::string_view::npos; i = w.find(std::string_view(kMagic, 4), i + 1))
      if (readHeader(fd, at + i, fileSize, h, path)) return at + i;
    at += static_cast<uint64_t>(n) - 3;  // a magic split across two windows is found in the next
  }
  return fileSize;
}

struct Scan {
  uint64_t end = 0;      ///< the end of the last whole record (where appending must start)
  uint64_t skipped = 0;  ///< damaged bytes stepped over before it
};

Scan scanRecords(int fd, uint64_t fileSize, const std::function<void(uint64_t, const Header&, std::string&)>& each) {
  Scan scan;
  Header h;
  std::string path;
  for (uint64_t at = 0; at < fileSize;) {
    if (!readHeader(fd, at, fileSize, h, path)) {
      const uint64_t next = resync(fd, at + 1, fileSize);
      if (next >= fileSize) break;  // nothing whole after it: a torn tail
      scan.skipped += next - at;
      at = next;
      continue;
    }
    each(at, h, path);
    at += kHeaderBytes + h.pathLen + h.storedLen;
    scan.end = at;
  }
  return scan;
}

/// The body of a record whose header is `h` at `offset`, CRC checked and decompressed; the declared
/// length must be the zstd frame's own before anything that size is allocated.
Result<std::string> readBody(int fd, const std::filesystem::path& file, uint64_t offset, const Header& h, const std::string& path) {
  std::string stored(h.storedLen, '\0');
  if (pread(fd, stored.data(), h.storedLen, static_cast<off_t>(offset + kHeaderBytes + h.pathLen)) != static_cast<ssize_t>(h.storedLen))
    return Error{ErrorCode::Io, file.string() + ": cannot read a record: " + std::strerror(errno)};
  const std::string where = file.string() + ": " + path + ": record at " + std::to_string(offset);
  if (crc(stored.data(), stored.size()) != h.bodyCrc) return Error{ErrorCode::Syntax, where + " is corrupt (CRC)"};
  if (ZSTD_getFrameContentSize(stored.data(), stored.size()) != h.rawLen)
    return Error{ErrorCode::Syntax, where + ": its length does not match its compressed frame"};
  std::string raw;
  raw.reserve(h.rawLen + SirekapParser::kPadding);  // padding for the parser to read in place
  raw.resize(h.rawLen);
  const std::size_t n = ZSTD_decompress(raw.data(), raw.size(), stored.data(), stored.size());
  if (ZSTD_isError(n) || n != h.rawLen)
    return Error{ErrorCode::Syntax, where + ": cannot decompress (" + (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "short") + ")"};
  return raw;
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
  w->m_fd = ::open(w->m_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (w->m_fd < 0) return ioError(w->m_file, "cannot open");
  // One writer per log: two appending at once would interleave and cut each other's tails.
  if (flock(w->m_fd, LOCK_EX | LOCK_NB) != 0)
    return Error{ErrorCode::Refused, w->m_file.string() + ": another process is recording into it" + (errno == EWOULDBLOCK ? "" : std::string(": ") + std::strerror(errno))};
  struct stat st {};
  if (fstat(w->m_fd, &st) != 0) return ioError(w->m_file, "cannot stat");
  if (!S_ISREG(st.st_mode)) return Error{ErrorCode::Io, w->m_file.string() + ": not a regular file"};
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  // Learn each path's last body (so unchanged ones are skipped) and where the whole records end.
  std::unordered_map<std::string, std::pair<uint64_t, Header>> last;
  const Scan scan = scanRecords(w->m_fd, size, [&](uint64_t off, const Header& h, std::string& path) {
    last[path] = {off, h};
    w->m_stats.records++;
  });
  w->m_stats.skippedBytes = scan.skipped;
  if (scan.end < size) {  // a torn tail: cut it off before appending
    if (ftruncate(w->m_fd, static_cast<off_t>(scan.end)) != 0) return ioError(w->m_file, "cannot cut the torn tail");
    w->m_stats.tornBytes = size - scan.end;
  }
  w->m_end = scan.end;
  w->m_cctx = ZSTD_createCCtx();
  // The last bodies' hashes: read back (decompressed) once, at open.
  for (auto& [path, rec] : last)
    if (auto body = readBody(w->m_fd, w->m_file, rec.first, rec.second, path)) w->m_lastHash[path] = fnv(*body);
  return w;
}

ArchiveWriter::~ArchiveWriter() {
  if (m_fd >= 0) ::close(m_fd);
  ZSTD_freeCCtx(static_cast<ZSTD_CCtx*>(m_cctx));
}

Status ArchiveWriter::append(int64_t timeMs, std::string_view path, std::string_view body) {
  if (m_broken) return *m_broken;
  if (!isSafeApiPath(path) || path.size() > kMaxPath) return Error{ErrorCode::Refused, std::string(path.substr(0, 200)) + ": not a path to archive"};
  if (body.size() > kMaxArchiveBody) return Error{ErrorCode::TooLarge, std::string(path) + ": too large to archive"};
  if (!plausibleTime(timeMs)) return Error{ErrorCode::Range, std::string(path) + ": time " + std::to_string(timeMs) + " ms is not a moment to archive"};
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
  if (Status s = writeRecord(std::string_view(out, kHeaderBytes + path.size() + z)); !s) return s;
  m_lastHash[std::string(path)] = h;
  m_stats.records++;
  m_stats.rawBytes += body.size();
  m_stats.storedBytes += kHeaderBytes + path.size() + z;
  return Status::success();
}

Status ArchiveWriter::writeRecord(std::string_view record) {
  std::size_t done = 0;
  while (done < record.size()) {
    const ssize_t n = ::pwrite(m_fd, record.data() + done, record.size() - done, static_cast<off_t>(m_end + done));
    if (n < 0 && errno == EINTR) continue;
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    // Full disk, file too large, I/O error: take the half record back, so the log ends whole and
    // the next append (after space is freed) starts at a record boundary.
    Error e = ioError(m_file, n == 0 ? "cannot append (nothing written)" : "cannot append");
    if (ftruncate(m_fd, static_cast<off_t>(m_end)) != 0) {
      m_broken = Error{ErrorCode::Io, e.message + "; the half-written record cannot be cut off either (" + std::strerror(errno) + "): recording stopped"};
      return *m_broken;
    }
    return e;
  }
  m_end += record.size();
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
  r->m_fd = ::open(r->m_file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (r->m_fd < 0) return ioError(r->m_file, "cannot open the archive");
  struct stat st {};
  if (fstat(r->m_fd, &st) != 0) return ioError(r->m_file, "cannot stat");
  if (!S_ISREG(st.st_mode)) return Error{ErrorCode::Io, r->m_file.string() + ": not a regular file"};
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  bool first = true;
  const Scan scan = scanRecords(r->m_fd, size, [&](uint64_t off, const Header& h, std::string& path) {
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
  r->m_stats.tornBytes = size - scan.end;
  r->m_stats.skippedBytes = scan.skipped;
  r->m_size = size;
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

std::optional<ArchiveReader::Version> ArchiveReader::previous(std::string_view path, const Version& version) const {
  auto it = m_versions.find(std::string(path));
  if (it == m_versions.end()) return std::nullopt;
  const auto& v = it->second;
  auto at = std::find_if(v.begin(), v.end(), [&](const Version& x) { return x.offset == version.offset; });
  if (at == v.end() || at == v.begin()) return std::nullopt;
  return *(at - 1);
}

Result<std::string> ArchiveReader::read(const Version& v) const {
  // The log is append-only and the index was built up to m_size: nothing past it is read.
  Header h;
  std::string path;
  if (!readHeader(m_fd, v.offset, m_size, h, path))
    return Error{ErrorCode::Syntax, m_file.string() + ": no whole record at offset " + std::to_string(v.offset)};
  return readBody(m_fd, m_file, v.offset, h, path);
}

Result<std::string> ArchiveReader::readUsable(std::string_view path, int64_t atMs, const std::function<Status(const std::string&)>& usable,
                                              Version* used) const {
  std::optional<Error> newest;
  for (auto v = find(path, atMs); v; v = previous(path, *v)) {
    auto body = read(*v);
    Status s = body ? (usable ? usable(*body) : Status::success()) : Status(body.error());
    if (s) {
      if (used) *used = *v;
      return body;
    }
    if (!newest) newest = Error{s.error().code, std::string(path) + ": " + s.error().message};
  }
  if (newest) return *newest;
  return Error{ErrorCode::Missing, std::string(path) + ": not in the archive at this time"};
}

// ---- source ----

namespace {

/// A recorded document is usable when it parses as the document its path names (a legislative
/// recap or list has shapes of its own: DocumentCheck); photos and other bytes only have to read
/// back whole.
Status usableRecord(std::string_view path, const std::string& body) {
  if (body.empty() || body.front() != '{') return Status::success();
  thread_local DocumentCheck check;
  return check.check(path, body);
}

class ArchiveSource final : public Source {
 public:
  ArchiveSource(std::shared_ptr<const ArchiveReader> a, std::optional<int64_t> at) : m_archive(std::move(a)), m_at(at.value_or(m_archive->endMs())) {}
  std::string describe() const override { return "archive at " + std::to_string(m_at) + " ms"; }
  void fetch(std::span<const FetchRequest> requests, const std::function<void(FetchResult&&)>& onDone) override {
    for (const FetchRequest& q : requests) {
      FetchResult r;
      r.tag = q.tag;
      r.path = q.path;
      // The newest record that reads and parses: one damaged or malformed record must not blank
      // its region from then on (issue 15).
      ArchiveReader::Version v;
      auto current = m_archive->find(q.path, m_at);
      if (!current) {
        r.httpStatus = 404;
        r.error = {ErrorCode::Missing, q.path + ": not in the archive at this time"};
      } else if (q.validators.etag == std::to_string(current->offset)) {
        r.outcome = FetchOutcome::NotModified;
        r.httpStatus = 304;
        r.validators = q.validators;
      } else if (auto body = m_archive->readUsable(q.path, m_at, [&q](const std::string& body) { return usableRecord(q.path, body); }, &v); !body) {
        r.error = body.error();
      } else {
        r.outcome = FetchOutcome::Ok;
        r.httpStatus = 200;
        r.wireBytes = body->size();
        r.body = std::move(*body);
        r.validators.etag = std::to_string(current->offset);
        r.versionTimeMs = v.timeMs;  // the record served (an older one when the newest is malformed)
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
