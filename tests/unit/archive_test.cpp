// The archive: append and read back by time, unchanged documents skipped, a torn tail survived,
// corruption detected, and the archive as a Source (ETag = record, so unchanged is a 304).

#include <gtest/gtest.h>
#include <fcntl.h>
#include <unistd.h>

#include "pantau/data/archive/archive.hpp"
#include "test_support.hpp"

using namespace pantau::data;
using pantau::test::freshDir;

TEST(Archive, AppendsAndFindsEachPathsVersionAtATime) {
  const auto dir = freshDir("archive_rt");
  {
    auto w = ArchiveWriter::open(dir);
    ASSERT_TRUE(w) << w.error().message;
    ASSERT_TRUE((*w)->append(1000, "/pemilu/hhcw/ppwp.json", R"({"v": 1})"));
    ASSERT_TRUE((*w)->append(2000, "/pemilu/hhcw/ppwp/11.json", R"({"a": 1})"));
    ASSERT_TRUE((*w)->append(3000, "/pemilu/hhcw/ppwp.json", R"({"v": 1})"));  // unchanged: skipped
    ASSERT_TRUE((*w)->append(4000, "/pemilu/hhcw/ppwp.json", R"({"v": 2})"));
    EXPECT_EQ((*w)->stats().records, 3u);
    EXPECT_EQ((*w)->stats().unchanged, 1u);
    EXPECT_FALSE((*w)->append(5000, "/../etc/passwd", "x"));  // never a hostile path
  }
  auto r = ArchiveReader::open(dir);
  ASSERT_TRUE(r) << r.error().message;
  const ArchiveReader& a = **r;
  EXPECT_EQ(a.recordCount(), 3u);
  EXPECT_EQ(a.beginMs(), 1000);
  EXPECT_EQ(a.endMs(), 4000);
  EXPECT_FALSE(a.find("/pemilu/hhcw/ppwp.json", 999));
  EXPECT_EQ(*a.read(*a.find("/pemilu/hhcw/ppwp.json", 1000)), R"({"v": 1})");
  EXPECT_EQ(*a.read(*a.find("/pemilu/hhcw/ppwp.json", 3999)), R"({"v": 1})");
  EXPECT_EQ(*a.read(*a.find("/pemilu/hhcw/ppwp.json", 4000)), R"({"v": 2})");
  EXPECT_FALSE(a.find("/pemilu/hhcw/ppwp/11.json", 1500));
  EXPECT_EQ(a.times(), (std::vector<int64_t>{1000, 2000, 4000}));
  // Re-opened to append: the last bodies are known, so an unchanged one is still skipped.
  auto w2 = ArchiveWriter::open(dir);
  ASSERT_TRUE(w2);
  ASSERT_TRUE((*w2)->append(6000, "/pemilu/hhcw/ppwp.json", R"({"v": 2})"));
  EXPECT_EQ((*w2)->stats().unchanged, 1u);
  std::filesystem::remove_all(dir);
}

TEST(Archive, TornTailIsCutAndCorruptionSaid) {
  const auto dir = freshDir("archive_torn");
  {
    auto w = ArchiveWriter::open(dir);
    ASSERT_TRUE(w);
    for (int i = 0; i < 10; ++i) ASSERT_TRUE((*w)->append(1000 * i, "/pemilu/hhcw/ppwp.json", "{\"n\": " + std::to_string(i) + "}"));
  }
  const auto log = dir / kArchiveLog;
  const auto whole = std::filesystem::file_size(log);
  // A record cut in half, as a kill -9 during its write would leave it.
  {
    auto w = ArchiveWriter::open(dir);
    ASSERT_TRUE((*w)->append(99000, "/pemilu/hhcw/ppwp.json", std::string(5000, 'x')));
  }
  std::filesystem::resize_file(log, whole + 30);
  auto r = ArchiveReader::open(dir);
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)->recordCount(), 10u);
  EXPECT_EQ((*r)->stats().tornBytes, 30u);
  EXPECT_EQ(*(*r)->read(*(*r)->find("/pemilu/hhcw/ppwp.json", 1e12)), "{\"n\": 9}");
  // The writer cuts the torn bytes off before appending; the log reads whole again.
  {
    auto w = ArchiveWriter::open(dir);
    ASSERT_TRUE(w);
    EXPECT_EQ((*w)->stats().tornBytes, 30u);
    ASSERT_TRUE((*w)->append(100000, "/pemilu/hhcw/ppwp.json", "{\"n\": 10}"));
  }
  r = ArchiveReader::open(dir);
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)->recordCount(), 11u);
  EXPECT_EQ((*r)->stats().tornBytes, 0u);
  // A flipped byte inside a body: that record says it is corrupt; the others still read.
  const auto v = *(*r)->find("/pemilu/hhcw/ppwp.json", 5000);
  {
    const int fd = ::open(log.c_str(), O_RDWR);
    char c = 0;
    ASSERT_EQ(pread(fd, &c, 1, static_cast<off_t>(v.offset + 32 + 22 + 3)), 1);
    c = static_cast<char>(c ^ 0x5a);
    ASSERT_EQ(pwrite(fd, &c, 1, static_cast<off_t>(v.offset + 32 + 22 + 3)), 1);
    ::close(fd);
  }
  auto bad = (*r)->read(v);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("corrupt"), std::string::npos) << bad.error().message;
  EXPECT_TRUE((*r)->read(*(*r)->find("/pemilu/hhcw/ppwp.json", 4000)));
  // Not an archive at all.
  const auto junkDir = freshDir("archive_junk");
  std::filesystem::create_directories(junkDir);
  ASSERT_TRUE(writeFileAtomic(junkDir / kArchiveLog, "this is not an archive", false));
  EXPECT_FALSE(ArchiveReader::open(junkDir));
  EXPECT_FALSE(ArchiveReader::open(freshDir("archive_none")));
  std::filesystem::remove_all(dir);
  std::filesystem::remove_all(junkDir);
}

TEST(Archive, IsASourceAtAMoment) {
  const auto dir = freshDir("archive_source");
  {
    auto w = ArchiveWriter::open(dir);
    ASSERT_TRUE((*w)->append(1000, "/pemilu/ppwp.json", "A"));
    ASSERT_TRUE((*w)->append(2000, "/pemilu/ppwp.json", "B"));
  }
  SourceOptions o;
  o.archiveAtMs = 1500;
  auto src = openSource("archive:" + dir.string(), o);
  ASSERT_TRUE(src) << src.error().message;
  std::vector<FetchRequest> reqs{{"/pemilu/ppwp.json", {}, 1}, {"/pemilu/hhcw/ppwp.json", {}, 2}};
  std::vector<FetchResult> got;
  (*src)->fetch(reqs, [&](FetchResult&& r) { got.push_back(std::move(r)); });
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].outcome, FetchOutcome::Ok);
  EXPECT_EQ(got[0].body, "A");
  EXPECT_EQ(got[1].outcome, FetchOutcome::Failed);
  EXPECT_EQ(got[1].httpStatus, 404);
  // Asked again with its ETag: unchanged, a 304.
  reqs = {{"/pemilu/ppwp.json", got[0].validators, 1}};
  got.clear();
  (*src)->fetch(reqs, [&](FetchResult&& r) { got.push_back(std::move(r)); });
  EXPECT_EQ(got[0].outcome, FetchOutcome::NotModified);
  EXPECT_FALSE(openSource("archive:/nonexistent/archive"));
  std::filesystem::remove_all(dir);
}
