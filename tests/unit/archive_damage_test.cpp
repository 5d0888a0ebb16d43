// Issue 15 item 4 (and the archive half of item 2): the archive under a full disk, two writers,
// crafted lengths and times, damage in the middle, and a malformed record that must not blank its
// region: each case reproduced here first, failing before the fix.

#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>
#include <zlib.h>

#include <csignal>
#include <cstring>
#include <random>

#include "pantau/data/archive/archive.hpp"
#include "test_support.hpp"

using namespace pantau::data;
using pantau::test::freshDir;

namespace {


std::string noise(std::size_t n, unsigned seed) {  // incompressible: stored as large as it is
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng());
  return s;
}

/// A file-size limit for this process (as a full disk or a quota would stop a write), with
/// SIGXFSZ ignored so that write() fails with EFBIG instead of killing the test.
struct FileSizeLimit {
  rlimit old{};
  void (*oldHandler)(int) = nullptr;
  explicit FileSizeLimit(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &old);
    oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit lim = old;
    lim.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &lim);
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, oldHandler);
  }
};

void flipByte(const std::filesystem::path& file, uint64_t offset) {
  const int fd = ::open(file.c_str(), O_RDWR);
  char c = 0;
  ASSERT_EQ(pread(fd, &c, 1, static_cast<off_t>(offset)), 1);
  c = static_cast<char>(c ^ 0x5a);
  ASSERT_EQ(pwrite(fd, &c, 1, static_cast<off_t>(offset)), 1);
  ::close(fd);
}

}  // namespace

TEST(ArchiveDamage, AFailedWriteIsTakenBackAndTheLogStaysWhole) {
  const auto dir = freshDir("archive_efbig");
  auto w = ArchiveWriter::open(dir);
  ASSERT_TRUE(w) << w.error().message;
  ASSERT_TRUE((*w)->append(1000, "/pemilu/hhcw/ppwp.json", "{\"n\": 1}"));
  const auto log = dir / kArchiveLog;
  const auto before = std::filesystem::file_size(log);
  {
    FileSizeLimit limit(before + 1000);  // room for part of the next record only
    Status s = (*w)->append(2000, "/pemilu/hhcw/ppwp/11.json", noise(20000, 1));
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().message.find("cannot append"), std::string::npos) << s.error().message;
    EXPECT_EQ(std::filesystem::file_size(log), before);  // no half record left behind
  }
  // Space again: the next append lands on a record boundary and everything reads back.
  ASSERT_TRUE((*w)->append(3000, "/pemilu/hhcw/ppwp/12.json", "{\"n\": 3}"));
  w->reset();
  auto r = ArchiveReader::open(dir);
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)->recordCount(), 2u);
  EXPECT_EQ((*r)->stats().tornBytes, 0u);
  EXPECT_EQ((*r)->stats().skippedBytes, 0u);
  EXPECT_EQ(*(*r)->read(*(*r)->find("/pemilu/hhcw/ppwp/12.json", 3000)), "{\"n\": 3}");
  std::filesystem::remove_all(dir);
}

TEST(ArchiveDamage, ASecondWriterIsRefused) {
  const auto dir = freshDir("archive_lock");
  auto first = ArchiveWriter::open(dir);
  ASSERT_TRUE(first);
  auto second = ArchiveWriter::open(dir);
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().message.find("another process is recording"), std::string::npos) << second.error().message;
  first->reset();  // the lock goes with the writer
  EXPECT_TRUE(ArchiveWriter::open(dir));
  std::filesystem::remove_all(dir);
}

TEST(ArchiveDamage, TimesAtTheExtremesAreRefused) {
  const auto dir = freshDir("archive_time");
  auto w = ArchiveWriter::open(dir);
  ASSERT_TRUE(w);
  EXPECT_FALSE((*w)->append(INT64_MAX, "/pemilu/hhcw/ppwp.json", "{}"));
  EXPECT_FALSE((*w)->append(INT64_MIN, "/pemilu/hhcw/ppwp.json", "{}"));
  EXPECT_TRUE((*w)->append(kMaxArchiveTimeMs, "/pemilu/hhcw/ppwp.json", "{}"));
  std::filesystem::remove_all(dir);
}

// A crafted record: header CRC right, but a raw length far larger than its zstd frame says.
TEST(ArchiveDamage, ACraftedLengthIsRefusedBeforeAllocating) {
  const auto dir = freshDir("archive_length");
  {
    auto w = ArchiveWriter::open(dir);
    ASSERT_TRUE((*w)->append(1000, "/pemilu/hhcw/ppwp.json", "{\"n\": 1}"));
  }
  const auto log = dir / kArchiveLog;
  const int fd = ::open(log.c_str(), O_RDWR);
  char header[32];
  ASSERT_EQ(pread(fd, header, 32, 0), 32);
  const uint32_t raw = kMaxArchiveBody;  // 32 MB, where the frame holds 8 bytes
  std::memcpy(header + 20, &raw, 4);
  const uint32_t c = static_cast<uint32_t>(crc32(0L, reinterpret_cast<const unsigned char*>(header + 8), 24));
  std::memcpy(header + 4, &c, 4);
  ASSERT_EQ(pwrite(fd, header, 32, 0), 32);
  ::close(fd);
  auto r = ArchiveReader::open(dir);
  ASSERT_TRUE(r);
  auto body = (*r)->read(*(*r)->find("/pemilu/hhcw/ppwp.json", 1000));
  ASSERT_FALSE(body);
  EXPECT_NE(body.error().message.find("does not match its compressed frame"), std::string::npos) << body.error().message;
  std::filesystem::remove_all(dir);
}

// A damaged header in the middle (a flipped bit): before, readers stopped there and the next
// writer cut off everything after it. Now both step over it to the next whole record.
TEST(ArchiveDamage, DamageInTheMiddleIsSteppedOverNotCutOff) {
  const auto dir = freshDir("archive_middle");
  {
    auto w = ArchiveWriter::open(dir);
    for (int i = 0; i < 5; ++i) ASSERT_TRUE((*w)->append(1000 * (i + 1), "/pemilu/hhcw/ppwp/1" + std::to_string(i) + ".json", noise(3000, i)));
  }
  ArchiveReader::Version third;
  {
    auto before = ArchiveReader::open(dir);
    ASSERT_TRUE(before);
    third = *(*before)->find("/pemilu/hhcw/ppwp/12.json", 3000);
  }
  flipByte(dir / kArchiveLog, third.offset + 10);  // inside its time: the header CRC fails
  {
    auto w = ArchiveWriter::open(dir);
    ASSERT_TRUE(w);
    EXPECT_EQ((*w)->stats().tornBytes, 0u);
    EXPECT_GT((*w)->stats().skippedBytes, 3000u);
    ASSERT_TRUE((*w)->append(9000, "/pemilu/hhcw/ppwp/19.json", "{}"));
  }
  auto r = ArchiveReader::open(dir);
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)->recordCount(), 5u);  // four of the five, and the new one
  EXPECT_FALSE((*r)->find("/pemilu/hhcw/ppwp/12.json", 1e12));
  EXPECT_EQ(*(*r)->read(*(*r)->find("/pemilu/hhcw/ppwp/14.json", 1e12)), noise(3000, 4));
  EXPECT_TRUE((*r)->find("/pemilu/hhcw/ppwp/19.json", 1e12));
  std::filesystem::remove_all(dir);
}

// Issue 15 item 2: one malformed record blanked its region from then on. The archive as a source
// now serves the newest record that parses.
TEST(ArchiveDamage, AMalformedRecordFallsBackToTheLastGoodOne) {
  const auto dir = freshDir("archive_fallback");
  const std::string good = pantau::test::readSample("ppwp_hhcw_regency_11-1101.json");
  ASSERT_FALSE(good.empty());
  {
    auto w = ArchiveWriter::open(dir);
    ASSERT_TRUE((*w)->append(1000, "/pemilu/hhcw/ppwp/11/1101.json", good));
    ASSERT_TRUE((*w)->append(2000, "/pemilu/hhcw/ppwp/11/1101.json", good.substr(0, good.size() / 2)));  // an old archive's
  }
  auto src = openSource("archive:" + dir.string());
  ASSERT_TRUE(src);
  std::vector<FetchRequest> reqs{{"/pemilu/hhcw/ppwp/11/1101.json", {}, 1}};
  std::vector<FetchResult> got;
  (*src)->fetch(reqs, [&](FetchResult&& r) { got.push_back(std::move(r)); });
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].outcome, FetchOutcome::Ok) << got[0].error.message;
  EXPECT_EQ(got[0].body, good);
  std::filesystem::remove_all(dir);
}
