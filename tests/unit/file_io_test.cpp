// Issue 15 item 7, the files: a FIFO in a mirror hung the reader (stat, then a blocking open),
// and temp files were opened without O_EXCL | O_NOFOLLOW and followed symbolic links to folders.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <future>

#include "pantau/data/base/file_io.hpp"
#include "pantau/data/source/source.hpp"
#include "test_support.hpp"

using namespace pantau::data;

TEST(FileIo, AFifoIsRefusedNotWaitedOn) {
  const std::filesystem::path dir = pantau::test::tempPath("fifo_mirror");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "pemilu" / "hhcw");
  ASSERT_EQ(::mkfifo((dir / "pemilu" / "hhcw" / "ppwp.json").c_str(), 0644), 0);
  // Run where a hang can be seen: the open used to block for good.
  auto read = std::async(std::launch::async, [&] { return readFile(dir / "pemilu" / "hhcw" / "ppwp.json", 1 << 20); });
  ASSERT_EQ(read.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  auto r = read.get();
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("not a regular file"), std::string::npos) << r.error().message;
  auto source = makeDirSource(dir.string());
  std::vector<FetchRequest> reqs{{"/pemilu/hhcw/ppwp.json", {}, 1}};
  auto fetched = std::async(std::launch::async, [&] {
    FetchResult got;
    source->fetch(reqs, [&](FetchResult&& x) { got = std::move(x); });
    return got;
  });
  ASSERT_EQ(fetched.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(fetched.get().outcome, FetchOutcome::Failed);
  std::filesystem::remove_all(dir);
}

TEST(FileIo, AtomicWritesNeverFollowLinksInsideTheirRoot) {
  const std::filesystem::path root = pantau::test::tempPath("link_root"), elsewhere = pantau::test::tempPath("link_elsewhere");
  std::filesystem::remove_all(root);
  std::filesystem::remove_all(elsewhere);
  std::filesystem::create_directories(root / "pemilu");
  std::filesystem::create_directories(elsewhere);
  std::filesystem::create_directory_symlink(elsewhere, root / "pemilu" / "hhcw");  // planted in the mirror
  Status s = writeFileAtomic(root / "pemilu" / "hhcw" / "ppwp.json", "{}", false, root);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("symbolic link"), std::string::npos) << s.error().message;
  EXPECT_TRUE(std::filesystem::is_empty(elsewhere));
  // A real folder is fine, and the temp name is never a planted link either.
  std::filesystem::create_directories(root / "pemilu" / "real");
  EXPECT_TRUE(writeFileAtomic(root / "pemilu" / "real" / "a.json", "{}", false, root));
  EXPECT_EQ(readFile(root / "pemilu" / "real" / "a.json", 100).value(), "{}");
  EXPECT_FALSE(writeFileAtomic(elsewhere / "x.json", "{}", false, root));  // outside the root
  std::filesystem::remove_all(root);
  std::filesystem::remove_all(elsewhere);
}
