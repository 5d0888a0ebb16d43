// Integrity checks: the real samples, each check on its own, corrections, and the incremental
// engine (only changed chunks re-checked, time checks, counts up the tree).

#include <gtest/gtest.h>

#include <algorithm>

#include "pantau/data/integrity/correction.hpp"
#include "pantau/data/integrity/integrity.hpp"
#include "test_support.hpp"

using namespace pantau::data;

namespace {

const std::shared_ptr<const RegionTree>& tree() { return pantau::test::sharedTree(); }

const std::vector<CandidateId> kIds{100025, 100026, 100027};

TpsDetail parseTps(const std::string& name) {
  SirekapParser p;
  TpsDetail d;
  EXPECT_TRUE(p.parseTps(std::string_view(pantau::test::readSample(name)), d)) << name;
  return d;
}

std::vector<std::string> checkIds(std::span<const Finding> fs) {
  std::vector<std::string> ids;
  for (const Finding& f : fs) ids.push_back(checkInfo(f.check).id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

/// Consistent facts for these votes: 4 invalid ballots, every voter on the DPT of `dpt`.
TpsFacts factsFor(const std::vector<uint32_t>& votes, uint32_t dpt) {
  TpsFacts f;
  f.flags = TpsFacts::kDocument | TpsFacts::kChart | TpsFacts::kAdministrasi;
  uint32_t sum = 0;
  for (uint32_t v : votes) sum += v;
  Administrasi& a = f.adm;
  a.suaraSah = sum;
  a.suaraTidakSah = 4;
  a.suaraTotal = sum + 4;
  a.pemilihDpt = {dpt, dpt / 2, dpt - dpt / 2};
  a.penggunaDpt = {sum + 4, (sum + 4) / 2, sum + 4 - (sum + 4) / 2};
  a.penggunaTotal = a.penggunaDpt;
  return f;
}

/// A consistent TPS: 3 candidates, DPT 250, 200 voters, 4 invalid.
TpsFacts goodFacts() {
  TpsFacts f;
  f.flags = TpsFacts::kDocument | TpsFacts::kChart | TpsFacts::kAdministrasi | TpsFacts::kStatusSuara | TpsFacts::kStatusAdm;
  Administrasi& a = f.adm;
  a.suaraSah = 196;
  a.suaraTidakSah = 4;
  a.suaraTotal = 200;
  a.pemilihDpt = {250, 120, 130};
  a.penggunaDpt = {196, 96, 100};
  a.penggunaDptb = {3, 2, 1};
  a.penggunaNonDpt = {1, 1, 0};
  a.penggunaTotal = {200, 99, 101};
  return f;
}
const std::vector<uint32_t> kGoodVotes{62, 100, 34};

std::vector<std::string> run(const TpsFacts& f, const std::vector<uint32_t>& votes, bool exempt = false) {
  std::vector<Finding> out;
  checkTps(7, f, votes, exempt, out);
  return checkIds(out);
}

}  // namespace

TEST(Integrity, OcrAnomalySampleIsFlaggedAndConsistentSamplesAreNot) {
  ASSERT_TRUE(tree());
  SnapshotBuilder b(tree(), kIds);
  const std::vector<std::pair<std::string, std::string>> samples{
      {"ppwp_hhcw_tps_3101011003008_ocr_anomaly.json", "3101011003008"},
      {"ppwp_hhcw_tps_3101011001001_full.json", "3101011001001"},
      {"ppwp_hhcw_tps_1101012001001.json", "1101012001001"},
      {"ppwp_hhcw_tps_1101012001002_nomode.json", "1101012001002"},
      {"ppwp_hhcw_tps_1101012001003_admnull.json", "1101012001003"},
      {"ppwp_hhcw_tps_3101011001004_oneimage.json", "3101011001004"},
      {"ppwp_hhcw_tps_3101011001008_chartonly.json", "3101011001008"},
      {"ppwp_hhcw_tps_3173011005085_chartnullonly.json", "3173011005085"},
      {"ppwp_hhcw_tps_3173011005123_admonly.json", "3173011005123"},
      {"ppwp_hhcw_tps_3173011005124_empty.json", "3173011005124"},
      {"ppwp_hhcw_tps_9901010001010_overseas_ksk.json", "9901010001010"},
      {"ppwp_hhcw_tps_3173011002127_adm_zeros.json", "3173011002127"},
  };
  for (const auto& [file, code] : samples) {
    RegionId id = tree()->find(code);
    ASSERT_NE(id, kNoRegion) << code;
    ASSERT_TRUE(applyTps(b, id, parseTps(file), 1, false)) << file;
  }
  IntegrityEngine engine;
  auto s = b.publish(1, engine.checker());
  const IntegrityState& st = *s->integrity();
  const RegionId anomaly = tree()->find("3101011003008");
  // 71 + 641 + 511 = 1223 against suara_sah 185 and DPT 213; 641 and 511 above any TPS's ballots.
  EXPECT_EQ(checkIds(st.findingsFor(anomaly)),
            (std::vector<std::string>{"candidate_over_cap", "candidate_over_cap", "votes_over_dpt", "votes_sum_sah"}));
  for (const Finding& f : st.findingsFor(anomaly)) {
    if (f.check == CheckId::VotesSumSah) {
      EXPECT_EQ(describe(f, kIds), "sum of votes 1223 != suara_sah 185");
    }
  }
  // adm_zeros: DPT and voters unfilled (0) are not read as figures, but its votes (80 + 101 + 34
  // = 215) really do not match its suara_sah 218.
  EXPECT_EQ(checkIds(st.findingsFor(tree()->find("3173011002127"))), (std::vector<std::string>{"votes_sum_sah"}));
  // full: complete, and its votes add up; its bookkeeping does not (292 DPT voters + 1 DPTb =
  // 293, pengguna_total 292; the API's own example), which is a warning, not a flag.
  const RegionId full = tree()->find("3101011001001");
  EXPECT_EQ(checkIds(st.findingsFor(full)), (std::vector<std::string>{"pengguna_sum"}));
  EXPECT_EQ(st.findingsFor(full)[0].severity(), Severity::Warning);
  for (const auto& [file, code] : samples) {
    if (code == "3101011003008" || code == "3173011002127" || code == "3101011001001") continue;
    EXPECT_TRUE(st.findingsFor(tree()->find(code)).empty()) << file << ": " << checkIds(st.findingsFor(tree()->find(code))).front();
  }
  ASSERT_FALSE(st.worstTps().empty());
  ASSERT_EQ(st.worstTps().size(), 3u);
  EXPECT_EQ(st.worstTps().front(), anomaly);  // the most errors
  EXPECT_EQ(st.worstTps().back(), full);      // a warning only
  EXPECT_EQ(st.flaggedTps(tree()->find("31")), 2u);
  EXPECT_EQ(st.flaggedTps(kNation), 2u);
}

TEST(Integrity, EachTpsCheckFiresOnItsOwnFault) {
  EXPECT_TRUE(run(goodFacts(), kGoodVotes).empty());
  auto f = goodFacts();
  EXPECT_EQ(run(f, {62, 101, 34}), (std::vector<std::string>{"votes_sum_sah"}));
  f = goodFacts();
  f.adm.suaraTidakSah = 5;
  EXPECT_EQ(run(f, kGoodVotes), (std::vector<std::string>{"sah_tidak_sah_total"}));
  f = goodFacts();
  f.adm.penggunaDptb = {3, 2, 2};
  EXPECT_EQ(run(f, kGoodVotes), (std::vector<std::string>{"sex_sum"}));
  f = goodFacts();
  f.adm.penggunaNonDpt = {2, 1, 1};
  EXPECT_EQ(run(f, kGoodVotes), (std::vector<std::string>{"pengguna_sum"}));
  f = goodFacts();
  f.adm.penggunaTotal = {199, 98, 101};
  f.adm.penggunaDpt = {195, 95, 100};
  EXPECT_EQ(run(f, kGoodVotes), (std::vector<std::string>{"total_over_voters"}));
  f = goodFacts();
  f.adm.pemilihDpt = {190, 90, 100};
  EXPECT_EQ(run(f, kGoodVotes), (std::vector<std::string>{"voters_over_dpt", "votes_over_dpt"}));
  // The cap: 308 is the most a TPS can give one candidate; 309 is above it, except in Papua's
  // noken provinces and overseas.
  EXPECT_TRUE(run(factsFor({308, 100, 34}, 600), {308, 100, 34}).empty());
  EXPECT_EQ(run(factsFor({309, 100, 34}, 600), {309, 100, 34}), (std::vector<std::string>{"candidate_over_cap"}));
  EXPECT_TRUE(run(factsFor({309, 100, 34}, 600), {309, 100, 34}, true).empty());
  EXPECT_TRUE(capExempt("9101011001001") && capExempt("9601") && capExempt("99AB010001008"));
  EXPECT_FALSE(capExempt("9701") || capExempt("3578") || capExempt("81"));
}

TEST(Integrity, UnfilledAdministrasiIsNotAFigure) {
  TpsFacts f;
  f.flags = TpsFacts::kDocument | TpsFacts::kChart | TpsFacts::kAdministrasi;
  EXPECT_TRUE(run(f, kGoodVotes).empty());  // every field 0: nothing digitised yet
  f.flags = TpsFacts::kDocument | TpsFacts::kAdministrasi;  // chart null: nothing about votes
  f.adm = goodFacts().adm;
  EXPECT_TRUE(run(f, {0, 0, 0}).empty());
}

TEST(Integrity, CorrectionFindsTheMisreadDigit) {
  auto f = goodFacts();
  // 62 read as 562: the X across the empty hundreds box.
  auto c = proposeCorrection(f, std::vector<uint32_t>{562, 100, 34}, false);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->field, Correction::Field::CandidateVotes);
  EXPECT_EQ(c->candidate, 0);
  EXPECT_EQ(c->from, 562u);
  EXPECT_EQ(c->to, 62u);
  EXPECT_EQ(c->digitsChanged, 1);
  EXPECT_EQ(describe(*c, kIds, f), "candidate 100025: 562 -> 62 (one digit; the sum then equals suara_sah 196)");
  // A tens digit: 100 read as 170.
  c = proposeCorrection(f, std::vector<uint32_t>{62, 170, 34}, false);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->candidate, 1);
  EXPECT_EQ(c->to, 100u);
  EXPECT_EQ(c->alternatives, 0);
  // 140 could be 100 (tens) but 62 could as well be 22: both are offered as equally likely.
  c = proposeCorrection(f, std::vector<uint32_t>{62, 140, 34}, false);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->alternatives, 1);
  // A tens misread that carried: 95 read as 125 (two digits, 30 apart).
  c = proposeCorrection(factsFor({95, 21, 14}, 250), std::vector<uint32_t>{125, 21, 14}, false);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->to, 95u);
  EXPECT_EQ(c->digitsChanged, 2);
  // DPT lost its last digit: 250 read as 25 (and 120/130 as 12/13).
  f.adm.pemilihDpt = {25, 12, 13};
  c = proposeCorrection(f, kGoodVotes, false);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->field, Correction::Field::Dpt);
  EXPECT_EQ(c->to, 250u);
  EXPECT_EQ(c->toMax, 259u);
  // Consistent figures, or a mismatch no small change explains: no proposal.
  EXPECT_FALSE(proposeCorrection(goodFacts(), kGoodVotes, false));
  EXPECT_FALSE(proposeCorrection(goodFacts(), std::vector<uint32_t>{1, 2, 3}, false));
  EXPECT_EQ(digitDistance(641, 41), 1);
  EXPECT_EQ(digitDistance(105, 95), 2);
  EXPECT_EQ(digitDistance(7, 7), 0);
}

TEST(Integrity, EngineIsIncrementalAndRemembersMovements) {
  ASSERT_TRUE(tree());
  const RegionTree& t = *tree();
  SnapshotBuilder b(tree(), kIds);
  IntegrityEngine engine;
  const RegionId tpsA = t.find("3578011001001"), tpsB = t.find("1101012001001"), village = t.find("3578011001");
  ASSERT_NE(tpsA, kNoRegion);
  auto put = [&](RegionId id, std::vector<uint32_t> votes, Psu psu = Psu::Reguler, bool complete = true) {
    TpsDetail d;
    d.chartPresent = true;
    d.statusSuara = d.statusAdm = complete;
    d.administrasi = goodFacts().adm;
    d.psu = psu;
    for (std::size_t c = 0; c < kIds.size(); ++c) d.chart.push_back({kIds[c], votes[c]});
    ASSERT_TRUE(applyTps(b, id, d, 1, false));
  };
  put(tpsA, kGoodVotes);
  put(tpsB, {62, 99, 34}, Psu::Reguler, false);  // sum != suara_sah, not confirmed yet
  auto s1 = b.publish(1, engine.checker());
  EXPECT_TRUE(s1->integrity()->findingsFor(tpsA).empty());
  EXPECT_EQ(checkIds(s1->integrity()->findingsFor(tpsB)), (std::vector<std::string>{"votes_sum_sah"}));
  EXPECT_EQ(s1->integrity()->checkedTps(kNation), 2u);
  EXPECT_EQ(s1->integrity()->flaggedTps(kNation), 1u);
  EXPECT_EQ(s1->integrity()->flaggedTps(village), 0u);
  // Turnout from the sound TPS only: A's 200 voters of 250; B's misread votes keep it out.
  EXPECT_DOUBLE_EQ(s1->integrity()->turnout(kNation), 200.0 / 250.0);
  EXPECT_DOUBLE_EQ(s1->integrity()->turnout(village), 200.0 / 250.0);
  EXPECT_LT(s1->integrity()->turnout(t.find("11")), 0.0);

  // TPS A, complete, changes its votes and loses some without a re-vote; B is fixed.
  put(tpsA, {60, 102, 34});
  put(tpsB, kGoodVotes);
  auto s2 = b.publish(2, engine.checker());
  EXPECT_EQ(checkIds(s2->integrity()->findingsFor(tpsA)), (std::vector<std::string>{"count_decreased"}));
  EXPECT_TRUE(s2->integrity()->findingsFor(tpsB).empty());
  EXPECT_EQ(s2->integrity()->flaggedTps(village), 1u);
  EXPECT_EQ(s2->integrity()->flaggedTps(t.find("11")), 0u);
  EXPECT_DOUBLE_EQ(s2->integrity()->turnout(t.find("11")), 200.0 / 250.0);  // B is sound now
  // The movement stays on record in later snapshots, even when nothing changes there.
  auto s3 = b.publish(3, engine.checker());
  EXPECT_EQ(s3->integrity()->findingsFor(tpsA).size(), 1u);
  // A complete TPS whose votes move up only: complete_changed. A re-vote may move them freely.
  const RegionId tpsC = t.find("3578011001002");
  put(tpsC, kGoodVotes);
  b.publish(4, engine.checker());
  put(tpsC, {62, 100, 35});
  EXPECT_EQ(checkIds(b.publish(5, engine.checker())->integrity()->findingsFor(tpsC)),
            (std::vector<std::string>{"complete_changed", "votes_sum_sah"}));
  const RegionId tpsD = t.find("3578011001003");
  put(tpsD, kGoodVotes);
  b.publish(6, engine.checker());
  put(tpsD, {10, 10, 10}, Psu::PemungutanSuaraUlang);
  EXPECT_EQ(checkIds(b.publish(7, engine.checker())->integrity()->findingsFor(tpsD)), (std::vector<std::string>{"votes_sum_sah"}));
}

TEST(Integrity, HierarchyChecksCompareChartTableAndOwnDocuments) {
  ASSERT_TRUE(tree());
  SirekapParser p;
  Aggregate national, aceh;
  ASSERT_TRUE(p.parseAggregate(std::string_view(pantau::test::readSample("ppwp_hhcw_national.json")), national));
  SnapshotBuilder b(tree(), kIds);
  IntegrityEngine engine;
  ASSERT_TRUE(applyAggregate(b, kNation, national, 1));
  auto s = b.publish(1, engine.checker());
  // The real national file: its chart is the sum of its 39 rows.
  for (const Finding& f : s->integrity()->findingsFor(kNation)) ADD_FAILURE() << describe(f, kIds);

  // A province whose own document (same regeneration) disagrees with its row in the nation's table.
  const RegionId acehId = tree()->find("11");
  Aggregate own = national;
  own.rows.clear();
  own.rowVotes.clear();
  own.chart = {{100025, 1874157}, {100026, 565282}, {100027, 56567}};
  ASSERT_TRUE(applyAggregate(b, acehId, own, 2));
  s = b.publish(2, engine.checker());
  EXPECT_EQ(checkIds(s->integrity()->findingsFor(acehId)), (std::vector<std::string>{"row_vs_own"}));
  // A chart that is not the sum of its table.
  Aggregate bad = national;
  bad.chart[1].votes += 1;
  ASSERT_TRUE(applyAggregate(b, kNation, bad, 3));
  s = b.publish(3, engine.checker());
  const auto ids = checkIds(s->integrity()->findingsFor(kNation));
  EXPECT_EQ(ids, (std::vector<std::string>{"chart_sum_table"}));
}
