// The region tree's binary pack: built on the first load, read on the next, and never trusted
// when it is stale or damaged (rebuilt from the TSVs instead).

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "pantau/data/base/file_io.hpp"
#include "pantau/data/model/tree_scope.hpp"
#include "test_support.hpp"

using namespace pantau::data;
namespace fs = std::filesystem;

namespace {

class TreePack : public ::testing::Test {
 protected:
  void SetUp() override {
    m_root = fs::temp_directory_path() / ("pantau-pack-test-" + std::to_string(::getpid()));
    fs::remove_all(m_root);
    fs::create_directories(m_root / "data" / "kpu2024");
    const char* old = std::getenv("XDG_CACHE_HOME");
    if (old) m_oldCache = old;
    ::setenv("XDG_CACHE_HOME", (m_root / "cache").c_str(), 1);
    write(
        "kode\tinduk\ttingkat\tnama\tid\n11\t\t1\tACEH\t1\n1101\t11\t2\tSIMEULUE\t2\n110101\t1101\t"
        "3\tTEUPAH SELATAN\t3\n"
        "1101012001\t110101\t4\tLABUHAN BAJAU\t4\n1102\t11\t2\t\t5\n",
        "kode\tinduk\tnama\tid\n1101012001001\t1101012001\tTPS "
        "001\t6\n1101012001002\t1101012001\tTPS 002\t7\n");
  }
  void TearDown() override {
    if (m_oldCache.empty())
      ::unsetenv("XDG_CACHE_HOME");
    else
      ::setenv("XDG_CACHE_HOME", m_oldCache.c_str(), 1);
    fs::remove_all(m_root);
  }
  void write(const std::string& wilayah, const std::string& tps) {
    std::ofstream(m_root / "data" / "kpu2024" / "wilayah.tsv", std::ios::trunc) << wilayah;
    std::ofstream(m_root / "data" / "kpu2024" / "tps.tsv", std::ios::trunc) << tps;
  }
  std::vector<fs::path> packs() const {
    std::vector<fs::path> out;
    if (fs::exists(m_root / "cache" / "pantau"))  // $XDG_CACHE_HOME/pantau
      for (const auto& e : fs::directory_iterator(m_root / "cache" / "pantau"))
        if (e.path().extension() == ".tree") out.push_back(e.path());
    return out;
  }
  TreeLoad load(TreeScope scope = TreeScope::Full) {
    auto r = loadRegionTree(m_root / "data", scope);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? std::move(*r) : TreeLoad{};
  }
  static void expectSame(const TreeLoad& a, const TreeLoad& b) {
    ASSERT_TRUE(a.tree && b.tree);
    ASSERT_EQ(a.tree->size(), b.tree->size());
    for (RegionId id = 0; id < a.tree->size(); ++id) {
      EXPECT_EQ(a.tree->code(id), b.tree->code(id));
      EXPECT_EQ(a.tree->name(id), b.tree->name(id));
      EXPECT_EQ(a.tree->parent(id), b.tree->parent(id));
      EXPECT_EQ(a.tree->kpuId(id), b.tree->kpuId(id));
      EXPECT_EQ(b.tree->find(b.tree->code(id)), id);
    }
    ASSERT_EQ(a.rejected.size(), b.rejected.size());
    for (std::size_t i = 0; i < a.rejected.size(); ++i)
      EXPECT_EQ(a.rejected[i].toString(), b.rejected[i].toString());
  }
  /// `above` is `full` without its TPS: the other regions with their ids.
  static void expectAboveTps(const TreeLoad& full, const TreeLoad& above) {
    ASSERT_TRUE(full.tree && above.tree);
    EXPECT_EQ(above.tree->levelBegin(Level::Tps), above.tree->size());  // no TPS
    ASSERT_EQ(above.tree->size(), full.tree->levelBegin(Level::Tps));
    for (RegionId id = 0; id < above.tree->size(); ++id) {
      EXPECT_EQ(above.tree->code(id), full.tree->code(id));
      EXPECT_EQ(above.tree->name(id), full.tree->name(id));
      EXPECT_EQ(above.tree->parent(id), full.tree->parent(id));
      EXPECT_EQ(above.tree->find(full.tree->code(id)), id);
    }
    EXPECT_EQ(above.tree->find("1101012001001"), kNoRegion);
    EXPECT_EQ(above.rejected.size(), full.rejected.size());
  }
  fs::path m_root;
  std::string m_oldCache;
};

}  // namespace

TEST_F(TreePack, SecondLoadReadsThePackAndGivesTheSameTree) {
  const TreeLoad first = load();
  ASSERT_EQ(packs().size(), 1u);
  EXPECT_EQ(first.rejected.size(), 1u);  // the empty name: reported from the pack too
  const TreeLoad second = load();
  expectSame(first, second);
  EXPECT_EQ(second.tree->name(second.tree->find("1101012001002")), "TPS 002");
}

TEST_F(TreePack, WithoutTpsFromTheParseAndFromThePackKeepsEveryOtherRegionWithItsId) {
  const TreeLoad aboveParsed = load(TreeScope::AboveTps);  // no pack yet: parsed, packed, cut
  ASSERT_EQ(packs().size(), 1u);
  const TreeLoad full = load();
  ASSERT_EQ(full.tree->size() - full.tree->levelBegin(Level::Tps), 2u);  // two TPS
  expectAboveTps(full, aboveParsed);
  const TreeLoad abovePacked = load(TreeScope::AboveTps);
  expectAboveTps(full, abovePacked);
  EXPECT_EQ(abovePacked.tree->children(abovePacked.tree->find("1101012001")).size(), 0u);
  EXPECT_EQ(full.tree->children(full.tree->find("1101012001")).size(), 2u);
}

TEST_F(TreePack, ADamagedPackIsRebuiltNotTrusted) {
  const TreeLoad first = load();
  ASSERT_EQ(packs().size(), 1u);
  const fs::path pack = packs()[0];
  auto bytes = readFile(pack, 1u << 20);
  ASSERT_TRUE(bytes);
  for (std::size_t at : {std::size_t{40}, bytes->size() / 2, bytes->size() - 3}) {
    std::string broken = *bytes;
    broken[at] = static_cast<char>(broken[at] ^ 0x5a);
    std::ofstream(pack, std::ios::binary | std::ios::trunc) << broken;
    expectSame(first, load());
    std::ofstream(pack, std::ios::binary | std::ios::trunc) << broken;
    expectAboveTps(first, load(TreeScope::AboveTps));
  }
  std::ofstream(pack, std::ios::binary | std::ios::trunc)
      << bytes->substr(0, bytes->size() / 3);  // truncated
  expectSame(first, load());
}

TEST_F(TreePack, ChangedSourcesAreReadAgain) {
  (void)load();
  write("kode\tinduk\ttingkat\tnama\tid\n11\t\t1\tACEH\t1\n12\t\t1\tSUMATERA UTARA\t2\n",
        "kode\tinduk\tnama\tid\n");
  const TreeLoad changed = load();
  ASSERT_TRUE(changed.tree);
  EXPECT_EQ(changed.tree->size(), 3u);
  EXPECT_EQ(changed.tree->name(changed.tree->find("12")), "SUMATERA UTARA");
  EXPECT_EQ(changed.tree->find("1101"), kNoRegion);
}
