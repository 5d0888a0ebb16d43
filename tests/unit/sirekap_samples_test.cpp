// Every real Sirekap sample in shared/data/kpu2024/samples, with the exact values the file holds.

#include <gtest/gtest.h>

#include "pantau/data/sirekap/sirekap_parser.hpp"
#include "test_support.hpp"

using namespace pantau::data;
using pantau::test::readSample;

namespace {

std::vector<VoteCount> votes(std::initializer_list<std::pair<CandidateId, uint32_t>> l) {
  std::vector<VoteCount> v;
  for (auto [c, n] : l) v.push_back({c, n});
  return v;
}

Aggregate aggregate(const std::string& name) {
  SirekapParser parser;
  Aggregate a;
  Status s = parser.parseAggregate(readSample(name), a);
  EXPECT_TRUE(s) << name << ": " << (s ? "" : s.error().message);
  return a;
}

TpsDetail tps(const std::string& name) {
  SirekapParser parser;
  TpsDetail t;
  Status s = parser.parseTps(readSample(name), t);
  EXPECT_TRUE(s) << name << ": " << (s ? "" : s.error().message);
  return t;
}

const AggregateRow* row(const Aggregate& a, std::string_view code) {
  for (const auto& r : a.rows)
    if (r.code.view() == code) return &r;
  return nullptr;
}

}  // namespace

TEST(SirekapSamples, National) {
  Aggregate a = aggregate("ppwp_hhcw_national.json");
  EXPECT_EQ(a.ts.view(), "2024-03-07 15:00:16");
  EXPECT_EQ(a.ts.epochUtc, 1709798416);  // 15:00:16 WIB = 08:00:16 UTC
  EXPECT_EQ(a.psu, Psu::Reguler);
  EXPECT_TRUE(a.hasMode);
  EXPECT_EQ(a.chart, votes({{100025, 31374310}, {100026, 75357899}, {100027, 21374165}}));
  EXPECT_DOUBLE_EQ(a.chartPersen, 78.11);
  EXPECT_TRUE(a.hasProgress);
  EXPECT_EQ(a.progressTotal, 823378u);
  EXPECT_EQ(a.progressReported, 643124u);
  EXPECT_EQ(a.childLevel, Level::Province);
  ASSERT_EQ(a.rows.size(), 39u);
  const AggregateRow* aceh = row(a, "11");
  ASSERT_TRUE(aceh);
  EXPECT_TRUE(aceh->reported());
  EXPECT_DOUBLE_EQ(aceh->persen, 78.81);
  EXPECT_TRUE(aceh->statusProgress);
  auto acehVotes = a.votes(*aceh);
  EXPECT_EQ(std::vector<VoteCount>(acehVotes.begin(), acehVotes.end()),
            votes({{100025, 1874157}, {100026, 565282}, {100027, 56566}}));
  const AggregateRow* overseas = row(a, "99");
  ASSERT_TRUE(overseas);
  EXPECT_EQ(a.votes(*overseas)[1].votes, 285331u);
  // chart is the sum of the table rows in this file
  uint64_t sum = 0;
  for (const auto& r : a.rows)
    for (const auto& v : a.votes(r))
      if (v.candidate == 100026) sum += v.votes;
  EXPECT_EQ(sum, 75357899u);
}

TEST(SirekapSamples, RegencyAndDistrictTables) {
  Aggregate reg = aggregate("ppwp_hhcw_regency_11-1101.json");
  EXPECT_EQ(reg.childLevel, Level::District);
  EXPECT_EQ(reg.rows.size(), 18u);
  EXPECT_EQ(reg.chart[0].votes, 111762u);
  EXPECT_EQ(reg.progressTotal, 697u);

  // A regency with rows that have no candidate keys (status_progress false, persen 0.0).
  Aggregate r12 = aggregate("ppwp_hhcw_regency_12-1213.json");
  EXPECT_EQ(r12.rows.size(), 23u);
  int unreported = 0;
  for (const auto& r : r12.rows) unreported += !r.reported();
  EXPECT_EQ(unreported, 1);

  Aggregate d = aggregate("ppwp_hhcw_district_110101.json");
  EXPECT_EQ(d.childLevel, Level::Village);
  EXPECT_EQ(d.rows.size(), 7u);
  EXPECT_EQ(d.chart, votes({{100025, 2883}, {100026, 458}, {100027, 46}}));
}

TEST(SirekapSamples, InconsistentRowsKeepWhatTheySay) {
  // Votes with persen 0.0 and status_progress false: reported (it carries votes), flags as served.
  Aggregate a = aggregate("ppwp_hhcw_district_110110.json");
  const AggregateRow* r = row(a, "1101102004");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->reported());
  EXPECT_FALSE(r->statusProgress);
  EXPECT_DOUBLE_EQ(r->persen, 0.0);
  EXPECT_EQ(a.votes(*r)[0].votes, 120u);

  // persen 100.0 and status_progress true but no candidate keys: not reported.
  Aggregate b = aggregate("ppwp_hhcw_district_110112.json");
  const AggregateRow* e = row(b, "1101122008");
  ASSERT_TRUE(e);
  EXPECT_FALSE(e->reported());
  EXPECT_TRUE(e->statusProgress);
  EXPECT_DOUBLE_EQ(e->persen, 100.0);

  Aggregate c = aggregate("ppwp_hhcw_district_110201.json");
  EXPECT_EQ(c.rows.size(), 28u);
  EXPECT_EQ(c.progressReported, 47u);
}

TEST(SirekapSamples, VillageRowsAreTpsWithIntegerPersen) {
  Aggregate v = aggregate("ppwp_hhcw_village_1101012001.json");
  EXPECT_EQ(v.childLevel, Level::Tps);
  ASSERT_EQ(v.rows.size(), 3u);
  EXPECT_EQ(v.rows[0].code.view(), "1101012001001");
  EXPECT_DOUBLE_EQ(v.rows[0].persen, 100.0);
  EXPECT_EQ(v.votes(v.rows[1])[0].votes, 209u);

  Aggregate nomode = aggregate("ppwp_hhcw_village_1101012017_nomode.json");
  EXPECT_FALSE(nomode.hasMode);
  EXPECT_EQ(nomode.ts.view(), "2024-02-16 12:51:15");
  EXPECT_EQ(nomode.chart, votes({{100025, 199}, {100026, 41}, {100027, 2}}));
}

TEST(SirekapSamples, OcrAnomalyTps) {
  TpsDetail t = tps("ppwp_hhcw_tps_3101011003008_ocr_anomaly.json");
  EXPECT_TRUE(t.chartPresent);
  EXPECT_EQ(t.chart, votes({{100025, 71}, {100026, 641}, {100027, 511}}));
  ASSERT_TRUE(t.administrasi);
  EXPECT_EQ(t.administrasi->suaraSah, 185u);
  EXPECT_EQ(t.administrasi->suaraTotal, 186u);
  EXPECT_EQ(t.administrasi->pemilihDpt[Administrasi::J], 213u);
  ASSERT_EQ(t.images.size(), 3u);
  for (const auto& img : t.images) ASSERT_TRUE(img);
  EXPECT_EQ(*t.images[1],
            "https://sirekap-obj-formc.kpu.go.id/8abe/pemilu/ppwp/31/01/01/10/03/"
            "3101011003008-20240216-003438--6bcdd681-baf9-4b76-8a80-e08559f958c4.jpg");
  EXPECT_TRUE(t.statusSuara);
  EXPECT_TRUE(t.statusAdm);
  EXPECT_EQ(t.psu, Psu::Absent);
}

TEST(SirekapSamples, CompleteTpsFiles) {
  TpsDetail full = tps("ppwp_hhcw_tps_3101011001001_full.json");
  EXPECT_EQ(full.chart, votes({{100025, 83}, {100026, 107}, {100027, 38}}));  // "null" key first in file
  ASSERT_TRUE(full.administrasi);
  EXPECT_EQ(full.administrasi->suaraSah, 228u);
  EXPECT_EQ(full.administrasi->penggunaDptb[Administrasi::P], 1u);
  EXPECT_TRUE(full.hasMode);

  TpsDetail a = tps("ppwp_hhcw_tps_1101012001001.json");
  EXPECT_EQ(a.chart, votes({{100025, 144}, {100026, 19}, {100027, 2}}));
  EXPECT_EQ(a.images.size(), 3u);

  TpsDetail nomode = tps("ppwp_hhcw_tps_1101012001002_nomode.json");
  EXPECT_FALSE(nomode.hasMode);
  EXPECT_EQ(nomode.chart[0].votes, 209u);
}

TEST(SirekapSamples, PartialTpsFiles) {
  TpsDetail empty = tps("ppwp_hhcw_tps_3173011005124_empty.json");
  EXPECT_FALSE(empty.chartPresent);
  EXPECT_TRUE(empty.chart.empty());
  EXPECT_EQ(empty.images.size(), 3u);
  for (const auto& img : empty.images) EXPECT_FALSE(img);
  EXPECT_FALSE(empty.administrasi);
  EXPECT_FALSE(empty.statusSuara);
  EXPECT_FALSE(empty.statusAdm);

  TpsDetail one = tps("ppwp_hhcw_tps_3101011001004_oneimage.json");
  EXPECT_FALSE(one.chartPresent);
  ASSERT_EQ(one.images.size(), 3u);
  EXPECT_TRUE(one.images[0]);
  EXPECT_FALSE(one.images[1]);

  TpsDetail nullOnly = tps("ppwp_hhcw_tps_3173011005085_chartnullonly.json");
  EXPECT_TRUE(nullOnly.chartPresent);  // {"null": null}: present, no votes
  EXPECT_TRUE(nullOnly.chart.empty());
  EXPECT_TRUE(nullOnly.statusSuara);

  TpsDetail chartOnly = tps("ppwp_hhcw_tps_3101011001008_chartonly.json");
  EXPECT_EQ(chartOnly.chart.size(), 3u);
  EXPECT_FALSE(chartOnly.administrasi);

  TpsDetail admOnly = tps("ppwp_hhcw_tps_3173011005123_admonly.json");
  EXPECT_FALSE(admOnly.statusSuara);
  ASSERT_TRUE(admOnly.administrasi);
  EXPECT_EQ(admOnly.administrasi->suaraSah, 207u);
  ASSERT_EQ(admOnly.images.size(), 3u);
  EXPECT_FALSE(admOnly.images[1]);  // middle image null

  TpsDetail zeros = tps("ppwp_hhcw_tps_3173011002127_adm_zeros.json");
  ASSERT_TRUE(zeros.administrasi);
  EXPECT_EQ(zeros.administrasi->pemilihDpt[Administrasi::J], 0u);  // unfilled shows as 0
  EXPECT_EQ(zeros.administrasi->suaraSah, 218u);

  TpsDetail admNull = tps("ppwp_hhcw_tps_1101012001003_admnull.json");
  EXPECT_FALSE(admNull.administrasi);
  EXPECT_EQ(admNull.chart.size(), 3u);
}

TEST(SirekapSamples, OverseasAndDpdTps) {
  TpsDetail ksk = tps("ppwp_hhcw_tps_9901010001010_overseas_ksk.json");
  EXPECT_EQ(ksk.chart, votes({{100025, 229}, {100026, 54}, {100027, 37}}));
  EXPECT_EQ(ksk.administrasi->pemilihDpt[Administrasi::J], 458u);

  TpsDetail dpd = tps("pdpd_hhcw_tps_1101012001001.json");
  EXPECT_EQ(dpd.chart.size(), 30u);
  EXPECT_EQ(dpd.images.size(), 5u);
  EXPECT_EQ(dpd.chart[17], (VoteCount{695654, 92}));
}

TEST(SirekapSamples, Candidates) {
  SirekapParser parser;
  CandidateList c;
  ASSERT_TRUE(parser.parseCandidates(readSample("ppwp_candidates_transcribed.json"), c));
  ASSERT_EQ(c.candidates.size(), 3u);
  EXPECT_EQ(c.candidates[1].id, 100026u);
  EXPECT_EQ(c.candidates[1].nama, "H. PRABOWO SUBIANTO - GIBRAN RAKABUMING RAKA");
  EXPECT_EQ(c.candidates[1].rgb, 0xC7B7A3u);
  EXPECT_EQ(c.candidates[2].nomorUrut, 3u);
}

TEST(SirekapSamples, RegionLists) {
  SirekapParser parser;
  RegionList r;
  ASSERT_TRUE(parser.parseRegionList(readSample("wilayah_ppwp_0_provinces.json"), r));
  EXPECT_EQ(r.regions.size(), 39u);
  EXPECT_EQ(r.regions[0].kode.view(), "11");
  EXPECT_EQ(r.regions[0].nama, "ACEH");
  EXPECT_EQ(r.regions[0].tingkat, Level::Province);

  ASSERT_TRUE(parser.parseRegionList(readSample("wilayah_ppwp_99_overseas.json"), r));
  EXPECT_EQ(r.regions.size(), 129u);
  bool alnum = false;
  for (const auto& e : r.regions) alnum |= e.kode.view() == "99BE";
  EXPECT_TRUE(alnum);

  ASSERT_TRUE(parser.parseRegionList(readSample("wilayah_ppwp_9901010001_overseas_tps.json"), r));
  EXPECT_EQ(r.regions.size(), 13u);
  EXPECT_EQ(r.regions[0].nama, "KSK 001");
  EXPECT_EQ(r.regions[0].tingkat, Level::Tps);
}

TEST(SirekapSamples, KindDetectionOverEverySample) {
  SirekapParser parser;
  struct Case {
    const char* file;
    std::optional<DocumentKind> kind;  // nullopt: not a Sirekap document (derived or fragments)
  };
  const Case cases[] = {
      {"ppwp_hhcw_national.json", DocumentKind::Aggregate},
      {"ppwp_hhcw_village_1101012017_nomode.json", DocumentKind::Aggregate},
      {"ppwp_hhcw_tps_3173011005124_empty.json", DocumentKind::Tps},
      {"pdpd_hhcw_tps_1101012001001.json", DocumentKind::Tps},
      {"ppwp_candidates_transcribed.json", DocumentKind::Candidates},
      {"wilayah_ppwp_110101_villages.json", DocumentKind::Regions},
      {"derived_habib_anomaly_11-1172.json", std::nullopt},
      {"derived_habib_tps_index_11-1172.json", std::nullopt},
      {"legislative_fragments_transcribed.json", std::nullopt},
  };
  for (const Case& c : cases) {
    auto doc = parser.parseDocument(readSample(c.file));
    if (c.kind) {
      ASSERT_TRUE(doc) << c.file << ": " << doc.error().message;
      EXPECT_EQ(kindOf(*doc), *c.kind) << c.file;
    } else {
      EXPECT_FALSE(doc) << c.file;
    }
  }
}
