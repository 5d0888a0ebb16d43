#pragma once
/// The archive of a night: every document Pantau saw change, appended to one log with its time,
/// compressed with zstd; read back to replay any moment or to serve as a Source ("archive:DIR").
///
/// Log (DIR/night.pza): records one after another, each
///   "PZA1" | u32 crc32 of the rest of the header | i64 time (ms, UTC) | u32 path length |
///   u32 raw length | u32 stored length | u32 crc32 of the stored bytes | path | zstd bytes
/// A record is written with one append; a process killed mid-write leaves a torn tail, which the
/// CRCs and lengths reveal: readers stop before it and the writer cuts it off before appending, so a
/// kill -9 at any moment loses at most the document being written.
///
/// Time is when the source says the document changed (its Last-Modified), else when it was read:
/// "what changed, when" in the source's own clock, for a live night and a simulated one alike.
///
/// Threading: a writer belongs to one thread; a reader is immutable after open and its read() is
/// safe from any thread (pread).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pantau/data/base/clock.hpp"
#include "pantau/data/base/result.hpp"
#include "pantau/data/source/source.hpp"

namespace pantau::data {

inline constexpr const char* kArchiveLog = "night.pza";
/// The largest document a record holds: twice the HTTP body limit (SourceOptions::maxBodyBytes),
/// so that every body a source accepts fits, while a crafted length cannot make a reader allocate
/// more (and the length must match the zstd frame's own before anything is allocated).
inline constexpr uint32_t kMaxArchiveBody = 32u << 20;
/// Record times are ms since 1970 up to the end of year 9999: anything else is damage, and INT64
/// extremes would overflow the timeline's arithmetic.
inline constexpr int64_t kMaxArchiveTimeMs = 253'402'300'799'999;

struct ArchiveStats {
  uint64_t records = 0, unchanged = 0, rawBytes = 0, storedBytes = 0;
  uint64_t tornBytes = 0;  ///< cut off a torn tail when opened
  uint64_t skippedBytes = 0;  ///< damage in the middle of the log, stepped over to the next whole record
};

class ArchiveWriter {
 public:
  /// Creates DIR (and the log) or opens it to append, cutting off a torn tail first. Holds an
  /// exclusive lock on the log while open: a second writer (another process) is refused.
  static Result<std::unique_ptr<ArchiveWriter>> open(const std::filesystem::path& dir);
  ~ArchiveWriter();
  /// Appends a document unless it is byte for byte the last one recorded for its path. A failed
  /// write (disk full, file too large, I/O error) is taken back whole and returned: the log always
  /// ends at a record boundary. Only when even that fails does the writer refuse further appends.
  Status append(int64_t timeMs, std::string_view path, std::string_view body);
  /// fsync: what was appended survives a power cut too (a kill -9 never loses appended records).
  Status sync();
  const ArchiveStats& stats() const { return m_stats; }

 private:
  ArchiveWriter() = default;
  Status writeRecord(std::string_view record);
  int m_fd = -1;
  uint64_t m_end = 0;  ///< where the next record goes: the end of the last whole one
  std::optional<Error> m_broken;
  std::filesystem::path m_file;
  std::unordered_map<std::string, uint64_t> m_lastHash;  ///< per path, the last body recorded
  std::string m_buffer;
  void* m_cctx = nullptr;
  ArchiveStats m_stats;
};

class ArchiveReader {
 public:
  struct Version {
    int64_t timeMs = 0;
    uint64_t offset = 0;  ///< of the record: also its identity (an ETag for ArchiveSource)
  };
  /// Reads the log's headers into an index by path and time. Steps over damage in the middle to the
  /// next whole record (counted in stats().skippedBytes); stops, without failing, at a torn tail.
  static Result<std::shared_ptr<const ArchiveReader>> open(const std::filesystem::path& dir);
  ~ArchiveReader();

  int64_t beginMs() const { return m_begin; }
  int64_t endMs() const { return m_end; }
  /// The first count document's time: where a night's timeline starts (the candidate list is
  /// often published a day before).
  int64_t firstCountMs() const { return m_firstCount; }
  std::size_t recordCount() const { return m_records; }
  const ArchiveStats& stats() const { return m_stats; }
  /// Every path recorded, in first-recorded order.
  const std::vector<std::string>& paths() const { return m_paths; }
  /// The version of `path` current at `atMs` (the latest recorded at or before it), or none.
  std::optional<Version> find(std::string_view path, int64_t atMs) const;
  /// Every distinct record time, ascending (the timeline's ticks).
  const std::vector<int64_t>& times() const { return m_times; }
  /// The version recorded before `v` for `path`, or none.
  std::optional<Version> previous(std::string_view path, const Version& v) const;
  /// The document as recorded (decompressed, CRC checked).
  Result<std::string> read(const Version& v) const;
  /// The newest version of `path` at or before `atMs` that reads back whole and that `usable`
  /// accepts (e.g. parses): a damaged or malformed record falls back to the one before it. Fails
  /// with the newest version's error when none does. `used` (optional) gets the version served.
  Result<std::string> readUsable(std::string_view path, int64_t atMs, const std::function<Status(const std::string&)>& usable,
                                 Version* used = nullptr) const;

 private:
  ArchiveReader() = default;
  int m_fd = -1;
  std::filesystem::path m_file;
  std::vector<std::string> m_paths;
  std::unordered_map<std::string, std::vector<Version>> m_versions;  ///< by path, ascending time
  std::vector<int64_t> m_times;
  int64_t m_begin = 0, m_end = 0, m_firstCount = INT64_MAX;
  uint64_t m_size = 0;  ///< the log's size when indexed
  std::size_t m_records = 0;
  ArchiveStats m_stats;
};

/// A Source over an archive at one moment: each path's version current at `atMs` (default the
/// end). Versions carry their record offset as ETag, so a poll of an unchanged document is a 304.
std::unique_ptr<Source> makeArchiveSource(std::shared_ptr<const ArchiveReader> archive, std::optional<int64_t> atMs = {});

/// A document's time in the archive: when the source says it changed (its Last-Modified), else
/// `readAtMs`, when it was read.
inline int64_t changedAtMs(const Validators& v, int64_t readAtMs) {
  const int64_t changed = v.lastModified.empty() ? -1 : parseHttpDate(v.lastModified);
  return changed >= 0 ? changed * 1000 : readAtMs;
}

}  // namespace pantau::data
