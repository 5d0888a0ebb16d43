// The legislative C1 forms over real HTTP: pantau-sim lists the DPR's three pages and the DPD's
// five in their TPS documents (sirekap-pileg.md), serves them as JPEG, and Pantau's photo loader
// (the one the TPS view uses for the presidential forms) fetches and decodes every one.

#include <gtest/gtest.h>
#include <httplib.h>

#include <set>

#include "pantau/data/contests/legislative_parser.hpp"
#include "pantau/data/images/form_images.hpp"
#include "sim_process.hpp"
#include "test_support.hpp"

using namespace pantau::data;
using pantau::test::SimProcess;

namespace {

std::string get(const SimProcess& sim, const std::string& path) {
  httplib::Client cli("127.0.0.1", sim.port());
  cli.set_read_timeout(300, 0);  // the first legislative request builds the night
  auto r = cli.Get(path);
  EXPECT_TRUE(r && r->status == 200) << path;
  return r ? r->body : std::string();
}

/// Every URL loaded and decoded through FormImageLoader: the decoded sizes, by URL.
std::map<std::string, std::pair<int, int>> loadAll(const SimProcess& sim,
                                                   const std::vector<std::string>& urls) {
  auto source = openSource(sim.url());
  EXPECT_TRUE(source);
  std::map<std::string, std::pair<int, int>> out;
  if (!source) return out;
  const auto dir = pantau::test::freshDir("legislative_forms_cache");
  FormImageLoader loader(std::move(*source), std::make_unique<ImageDiskCache>(dir, 64u << 20));
  for (const std::string& u : urls) loader.request(u);
  EXPECT_TRUE(loader.waitIdle(120000));
  for (auto& l : loader.take()) {
    EXPECT_TRUE(l.image) << l.url << ": " << (l.image ? "" : l.image.error().message);
    if (l.image) out[l.url] = {l.image->width, l.image->height};
  }
  return out;
}

}  // namespace

TEST(LegislativeForms, DprAndDpdTpsDocumentsListPhotosTheLoaderDecodes) {
  SimProcess sim({"--final", "--seed", "5"});
  ASSERT_TRUE(sim.ok()) << sim.line();
  const std::string tps = "/11/1101/110101/1101012001/1101012001001.json";
  LegislativeParser lp;
  PdprTps dpr;
  ASSERT_TRUE(lp.parsePdprTps(get(sim, "/pemilu/hhcw/pdpr" + tps), dpr).ok());
  SirekapParser sp;
  TpsDetail dpd;
  const std::string dpdBody = get(sim, "/pemilu/hhcw/pdpd" + tps);
  ASSERT_TRUE(sp.parseTps(std::string_view(dpdBody), dpd).ok());
  ASSERT_EQ(dpr.images.size(), 3u);
  ASSERT_EQ(dpd.images.size(), 5u);  // as KPU's own DPD document of this TPS (samples/)
  std::vector<std::string> urls;
  for (const auto& u : dpr.images) urls.push_back(u.value_or(""));
  for (const auto& u : dpd.images) urls.push_back(u.value_or(""));
  std::set<std::string> distinct;
  for (const std::string& u : urls) {
    ASSERT_FALSE(u.empty());
    auto path = imagePathOf(u);
    ASSERT_TRUE(path) << u;
    // Laid out as sirekap-obj-formc: /{md5
    // prefix}/pemilu/{contest}/11/01/01/20/01/{tps}-{time}--{uuid}.jpg
    EXPECT_TRUE(path->starts_with("/204f/pemilu/pdpr/11/01/01/20/01/1101012001001-") ||
                path->starts_with("/204f/pemilu/pdpd/11/01/01/20/01/1101012001001-"))
        << *path;
    EXPECT_GT(photoTimeMs(*path), 0) << *path;
    distinct.insert(get(sim, *path));
  }
  EXPECT_EQ(distinct.size(), 8u);  // eight different pages, not one image served eight times
  const auto loaded = loadAll(sim, urls);
  ASSERT_EQ(loaded.size(), 8u);
  for (const auto& [url, size] : loaded) {
    EXPECT_EQ(size.first, 720) << url;
    EXPECT_EQ(size.second, 1000) << url;
  }
}

TEST(LegislativeForms, APageOfAnotherTpsOrBeforeTheCountIsNotServed) {
  SimProcess sim({"--at", "2024-02-14 11:00", "--seed", "5"});
  ASSERT_TRUE(sim.ok()) << sim.line();
  // Before any count: the pages are listed as not uploaded (null), as Sirekap does.
  LegislativeParser lp;
  PdprTps dpr;
  ASSERT_TRUE(lp.parsePdprTps(
                    get(sim, "/pemilu/hhcw/pdpr/11/1101/110101/1101012001/1101012001001.json"), dpr)
                  .ok());
  ASSERT_EQ(dpr.images.size(), 3u);
  for (const auto& u : dpr.images) EXPECT_FALSE(u.has_value());
  httplib::Client cli("127.0.0.1", sim.port());
  auto r = cli.Get(
      "/204f/pemilu/pdpr/11/01/01/20/01/"
      "1101012001001-20240214-191002--00000000-0000-4000-8000-000000000000.jpg");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
}
