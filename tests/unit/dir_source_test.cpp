// The mirror-directory Source: reads, 304s on unchanged files, refuses paths that could leave the
// directory, and reports missing documents without throwing.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pantau/data/source/source.hpp"
#include "test_support.hpp"

using namespace pantau::data;

TEST(DirSource, ReadsRefusesAndReportsMissing) {
  const std::filesystem::path dir = pantau::test::tempPath("dir_source");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "pemilu");
  std::ofstream(dir / "pemilu" / "ppwp.json") << R"({"100025": {"nama": "A", "warna": "#000000", "nomor_urut": 1}})";
  auto source = openSource(dir.string());
  ASSERT_TRUE(source) << source.error().message;
  std::vector<FetchRequest> requests{{"/pemilu/ppwp.json", {}, 1}, {"/../../etc/passwd", {}, 2},
                                     {"/pemilu/missing.json", {}, 3}, {"relative.json", {}, 4}};
  std::map<uint64_t, FetchResult> got;
  (*source)->fetch(requests, [&](FetchResult&& r) { got[r.tag] = std::move(r); });
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[1].outcome, FetchOutcome::Ok);
  EXPECT_NE(got[1].body.find("nomor_urut"), std::string::npos);
  EXPECT_EQ(got[2].outcome, FetchOutcome::Failed);
  EXPECT_EQ(got[2].error.code, ErrorCode::Refused);
  EXPECT_EQ(got[3].outcome, FetchOutcome::Failed);
  EXPECT_EQ(got[3].error.code, ErrorCode::Missing);
  EXPECT_NE(got[3].error.message.find("missing.json"), std::string::npos);
  EXPECT_EQ(got[4].error.code, ErrorCode::Refused);
  // Unchanged since the validators were taken: a 304 without reading.
  std::vector<FetchRequest> again{{"/pemilu/ppwp.json", got[1].validators, 5}};
  (*source)->fetch(again, [&](FetchResult&& r) { EXPECT_EQ(r.outcome, FetchOutcome::NotModified); });
  auto bad = openSource((dir / "nope").string());
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("neither an http(s) URL, relay+http://HOST:PORT, a directory nor archive:DIR"), std::string::npos);
  std::filesystem::remove_all(dir);
}
