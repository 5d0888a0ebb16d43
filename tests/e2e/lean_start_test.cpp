// The lean start (README "A whole-process still against mapnik"): pantau loads GDAL and FFmpeg
// only when it needs them (pantau-gdal.so, pantau-ffmpeg.so). A still from an empty mesh cache
// loads the GDAL module to triangulate; the same still again, warm, loads neither module, and
// draws the same bytes. What the dynamic linker loaded is read from its own log (LD_DEBUG=files).

#include <gtest/gtest.h>

#include "pantau/data/base/file_io.hpp"
#include "sim_process.hpp"
#include "test_support.hpp"

using pantau::test::SimProcess;

namespace {

pantau::test::CommandRun still(const SimProcess& sim, const std::string& cache, const std::string& png) {
  return pantau::test::runCommand("ASAN_OPTIONS=detect_leaks=0 LD_DEBUG=files XDG_CACHE_HOME=" + cache + " " +
                                  std::string(PANTAU_BIN_DIR) + "/pantau --headless --source " + sim.url() +
                                  " --view 11 --size 480x270 --no-overlay --screenshot " + png);
}

/// Whether LD_DEBUG=files's log names `library` as a file it loaded ("file=/usr/lib/.../libgdal.so.32").
bool loaded(const std::string& ldDebug, const std::string& library) {
  return ldDebug.find("/" + library) != std::string::npos;
}

}  // namespace

TEST(LeanStart, AWarmStillLoadsNeitherGdalNorFfmpeg) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  const std::string cache = pantau::test::freshDir("lean_cache").string();
  const std::string coldPng = pantau::test::tempPath("lean_cold.png"), warmPng = pantau::test::tempPath("lean_warm.png");

  const auto cold = still(sim, cache, coldPng);
  ASSERT_EQ(cold.status, 0) << cold.err.substr(cold.err.size() > 4000 ? cold.err.size() - 4000 : 0);
  EXPECT_TRUE(loaded(cold.err, "pantau-gdal.so")) << "an empty mesh cache triangulates through GDAL";
  EXPECT_TRUE(loaded(cold.err, "libgdal.so"));
  EXPECT_FALSE(loaded(cold.err, "pantau-ffmpeg.so"));

  const auto warm = still(sim, cache, warmPng);
  ASSERT_EQ(warm.status, 0) << warm.err.substr(warm.err.size() > 4000 ? warm.err.size() - 4000 : 0);
  EXPECT_TRUE(loaded(warm.err, "libEGL.so")) << "the dynamic linker's log was read";
  for (const char* library : {"pantau-gdal.so", "libgdal.so", "libgeos_c.so", "pantau-ffmpeg.so", "libavcodec.so"})
    EXPECT_FALSE(loaded(warm.err, library)) << library << " loaded by a warm still";

  const auto a = pantau::data::readFile(coldPng, 1 << 24), b = pantau::data::readFile(warmPng, 1 << 24);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b) << "the mesh from the cache draws what the triangulation did";
}

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

bool kernelGivesHugePagesOnRequestOnly() {
  const auto modes = pantau::data::readFile("/sys/kernel/mm/transparent_hugepage/enabled", 4096);
  return modes && modes->find("[madvise]") != std::string::npos;
}

}  // namespace

// Huge pages for llvmpipe's images (viewer/launcher/huge_pages.hpp): where the kernel gives them
// on request, pantau starts again once with glibc.malloc.hugetlb=1 (the dynamic linker's log shows
// libc mapped twice), and the picture is the same bytes as without (PANTAU_HUGE_PAGES=0). The
// start it repeats is the launcher's, libc only: the viewer's libraries are mapped once either way.
TEST(LeanStart, HugePagesForTheImagesDrawTheSameBytes) {
  if (!kernelGivesHugePagesOnRequestOnly()) GTEST_SKIP() << "transparent huge pages are not on request here";
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  const std::string cache = pantau::test::freshDir("huge_cache").string();
  const std::string warmup = pantau::test::tempPath("huge_warmup.png");
  ASSERT_EQ(still(sim, cache, warmup).status, 0);  // the mesh cache filled
  const std::string on = pantau::test::tempPath("huge_on.png"), off = pantau::test::tempPath("huge_off.png");
  const auto withHuge = still(sim, cache, on);
  const auto without = pantau::test::runCommand("PANTAU_HUGE_PAGES=0 LD_DEBUG=files XDG_CACHE_HOME=" + cache + " " +
                                                std::string(PANTAU_BIN_DIR) + "/pantau --headless --source " +
                                                sim.url() + " --view 11 --size 480x270 --no-overlay --screenshot " + off);
  ASSERT_EQ(withHuge.status, 0);
  ASSERT_EQ(without.status, 0);
  const std::string libc = "file=libc.so.6 [0];  generating link map";
  EXPECT_EQ(count(withHuge.err, libc), 2u) << "started again with the tunable";
  EXPECT_EQ(count(without.err, libc), 1u);
  const std::string egl = "file=libEGL.so.1 [0];  generating link map";
  EXPECT_EQ(count(withHuge.err, egl), 1u) << "the viewer's libraries loaded after the re-exec only";
  EXPECT_EQ(count(without.err, egl), 1u);
  const auto a = pantau::data::readFile(on, 1 << 24), b = pantau::data::readFile(off, 1 << 24);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b);
}

// The launcher alone (viewer/launcher/launcher.cpp) cannot run the viewer: it says which module
// it looked for, beside itself, and why the dynamic linker refused it, and exits non-zero.
TEST(LeanStart, ALauncherWithoutItsModuleSaysWhichFileAndWhy) {
  const auto dir = pantau::test::freshDir("lone_launcher");
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(std::string(PANTAU_BIN_DIR) + "/pantau", dir / "pantau");
  const auto run = pantau::test::runCommand("ASAN_OPTIONS=detect_leaks=0 " + (dir / "pantau").string() + " --help");
  EXPECT_NE(run.status, 0);
  EXPECT_NE(run.err.find("cannot load the viewer module " + (dir / "pantau-viewer.so").string()), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("No such file"), std::string::npos) << run.err;
  EXPECT_EQ(run.out, "") << "nothing of the viewer ran";
}
