// The one document path: the fetch plan's order, the document step's outcomes (candidate list
// first, bad documents keep the figures, 304s confirm), and a one-shot read over a Source.

#include <gtest/gtest.h>

#include <map>

#include "pantau/data/source/document_step.hpp"
#include "pantau/data/source/fetch_plan.hpp"
#include "pantau/data/source/read_once.hpp"
#include "test_support.hpp"

using namespace pantau::data;

namespace {

const std::shared_ptr<const RegionTree>& tree() { return pantau::test::sharedTree(); }

FetchResult ok(const std::string& path, std::string body, int64_t versionTimeMs = -1) {
  FetchResult r;
  r.path = path;
  r.outcome = FetchOutcome::Ok;
  r.httpStatus = 200;
  r.body = std::move(body);
  r.versionTimeMs = versionTimeMs;
  return r;
}

FetchResult failed(const std::string& path, int status, ErrorCode code) {
  FetchResult r;
  r.path = path;
  r.httpStatus = status;
  r.error = {code, path + ": HTTP " + std::to_string(status)};
  return r;
}

/// A source of fixed documents; anything else is a 404.
class MapSource final : public Source {
 public:
  std::map<std::string, std::pair<std::string, int64_t>> docs;  ///< path: body, version time
  std::string describe() const override { return "map"; }
  void fetch(std::span<const FetchRequest> requests, const std::function<void(FetchResult&&)>& onDone) override {
    for (const FetchRequest& q : requests) {
      auto it = docs.find(q.path);
      FetchResult r = it == docs.end() ? failed(q.path, 404, ErrorCode::Http) : ok(q.path, it->second.first, it->second.second);
      r.tag = q.tag;
      onDone(std::move(r));
    }
  }
};

std::string sample(const char* name) { return pantau::test::readSample(name); }

}  // namespace

TEST(FetchPlan, ParentsComeBeforeChildrenAndEachOnce) {
  ASSERT_TRUE(tree());
  const RegionTree& t = *tree();
  FetchPlan sweep(t);
  sweep.sweep(Level::Regency);
  EXPECT_EQ(sweep.size(), t.levelEnd(Level::Regency));  // nation, 38 provinces and overseas, the regencies

  FetchPlan plan(t);
  const RegionId village = t.find("3578011001"), tps = t.find("3578011001001");
  plan.region(tps);
  plan.region(village);  // already planned with the TPS: not again
  ASSERT_EQ(plan.size(), 6u);
  EXPECT_EQ(plan.regions().front(), kNation);
  EXPECT_EQ(plan.regions().back(), tps);
  plan.tpsUnder(village);
  EXPECT_EQ(plan.size(), 5u + t.children(village).size());  // its TPS, the one already there once
  for (std::size_t i = 6; i < plan.size(); ++i) {
    EXPECT_EQ(t.level(plan.regions()[i]), Level::Tps);
    EXPECT_EQ(plan.document(i).kind, DocumentKind::Tps);
  }

  FetchPlan sub(t);
  const RegionId surabaya = t.find("3578");
  sub.subtree(surabaya, Level::Village, true);
  std::vector<std::size_t> at(t.size(), SIZE_MAX);
  for (std::size_t i = 0; i < sub.size(); ++i) at[sub.regions()[i]] = i;
  std::size_t tpsCount = 0;
  for (std::size_t i = 0; i < sub.size(); ++i) {
    const RegionId r = sub.regions()[i];
    if (r != kNation) {
      EXPECT_LT(at[t.parent(r)], i) << t.code(r);  // its parent is planned, earlier
    }
    tpsCount += t.level(r) == Level::Tps;
  }
  EXPECT_GT(tpsCount, 1000u);
  EXPECT_EQ(sub.document(0).kind, DocumentKind::Aggregate);
}

TEST(DocumentStep, CandidatesFirstThenCountsAndABadDocumentKeepsTheFigures) {
  ASSERT_TRUE(tree());
  DocumentStep step(tree());
  const std::string nationPath = countsPath(*tree(), kNation);
  const DocumentRef nation = DocumentRef::counts(*tree(), kNation);
  EXPECT_EQ(step.take(ok(nationPath, sample("ppwp_hhcw_national.json")), nation, 10), DocumentStep::Outcome::Failed);
  EXPECT_NE(step.lastError().message.find("no candidate list yet"), std::string::npos) << step.lastError().message;
  EXPECT_FALSE(step.ready());
  EXPECT_EQ(step.publish(10), nullptr);

  ASSERT_EQ(step.take(ok(kCandidatesPath, sample("ppwp_candidates_transcribed.json")), DocumentRef::candidates(), 20),
            DocumentStep::Outcome::Applied);
  ASSERT_TRUE(step.ready());
  ASSERT_EQ(step.take(ok(nationPath, sample("ppwp_hhcw_national.json")), nation, 30), DocumentStep::Outcome::Applied);
  auto good = step.publish(30);
  ASSERT_TRUE(good);
  EXPECT_EQ(good->ownVotes(kNation)[1], 75357899u);
  EXPECT_NE(good->integrity(), nullptr);  // the publish step runs the checks
  EXPECT_EQ(good->health().errors, 1u);  // the count before the list

  // A truncated document: the figures stay, the region says why they are not fresh.
  EXPECT_EQ(step.take(ok(nationPath, sample("ppwp_hhcw_national.json").substr(0, 100)), nation, 40), DocumentStep::Outcome::Failed);
  auto kept = step.publish(40);
  EXPECT_EQ(kept->ownVotes(kNation)[1], 75357899u);
  ASSERT_TRUE(kept->status(kNation).lastError);
  EXPECT_NE(kept->status(kNation).lastError->find(nationPath), std::string::npos);
  EXPECT_EQ(kept->status(kNation).confirmedAtMs, 30);

  // Unchanged (304): the region and the rows it carries are confirmed as of now.
  FetchResult same;
  same.path = nationPath;
  same.outcome = FetchOutcome::NotModified;
  same.httpStatus = 304;
  EXPECT_EQ(step.take(same, nation, 50), DocumentStep::Outcome::NotModified);
  auto confirmed = step.publish(50);
  EXPECT_EQ(confirmed->status(kNation).confirmedAtMs, 50);
  EXPECT_EQ(confirmed->status(tree()->find("11")).confirmedAtMs, 50);
  EXPECT_FALSE(confirmed->status(kNation).lastError);
  EXPECT_EQ(confirmed->health().notModified, 1u);

  // A 404 is a document the source does not have: no error, counted once per region until found.
  const DocumentRef aceh = DocumentRef::counts(*tree(), tree()->find("11"));
  const uint64_t errorsBefore = step.health().errors;
  EXPECT_EQ(step.take(failed("/pemilu/hhcw/ppwp/11.json", 404, ErrorCode::Http), aceh, 60), DocumentStep::Outcome::Missing);
  EXPECT_EQ(step.take(failed("/pemilu/hhcw/ppwp/11.json", 404, ErrorCode::Http), aceh, 70), DocumentStep::Outcome::Missing);
  EXPECT_EQ(step.health().errors, errorsBefore);
  EXPECT_EQ(step.health().missingRegions, 1u);
  EXPECT_FALSE(step.publish(70)->status(aceh.region).lastError);
  EXPECT_EQ(step.take(failed(nationPath, 404, ErrorCode::Http), nation, 80), DocumentStep::Outcome::Missing);
  EXPECT_EQ(step.health().missingRegions, 2u);
  EXPECT_EQ(step.take(ok(nationPath, sample("ppwp_hhcw_national.json")), nation, 90), DocumentStep::Outcome::Applied);
  EXPECT_EQ(step.health().missingRegions, 1u);  // found again
}

TEST(ReadOnce, ReadsThePlanThroughASourceAtTheSourcesTimes) {
  ASSERT_TRUE(tree());
  MapSource source;
  source.docs[kCandidatesPath] = {sample("ppwp_candidates_transcribed.json"), -1};
  source.docs[countsPath(*tree(), kNation)] = {sample("ppwp_hhcw_national.json"), 1'700'000'000'000};
  source.docs[countsPath(*tree(), tree()->find("11"))] = {"{not json", -1};
  FetchPlan plan(*tree());
  plan.region(tree()->find("1101"));  // nation, Aceh (broken), 1101 (missing)
  ReadOptions options;
  options.publishAtMs = 1234;
  options.versionAfter = 41;
  ReadStats stats;
  auto snap = readOnce(source, tree(), plan, options, stats);
  ASSERT_TRUE(snap) << snap.error().message;
  EXPECT_EQ(stats.requested, 3u);
  EXPECT_EQ(stats.applied, 1u);
  EXPECT_EQ(stats.failed, 1u);
  EXPECT_EQ(stats.missing, 1u);
  EXPECT_NE(stats.firstError.find("/pemilu/hhcw/ppwp/11.json"), std::string::npos) << stats.firstError;
  EXPECT_EQ((*snap)->version(), 42u);
  EXPECT_EQ((*snap)->publishedAtMs(), 1234);
  EXPECT_EQ((*snap)->status(kNation).confirmedAtMs, 1'700'000'000'000);  // the source's time, where it knows it
  EXPECT_TRUE((*snap)->status(tree()->find("11")).lastError);

  MapSource empty;  // no candidate list: nothing can be read
  auto none = readOnce(empty, tree(), plan, {}, stats);
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find(kCandidatesPath), std::string::npos) << none.error().message;
}

// --contest pdpr: the same step reads the DPR. Its candidate list is the party list (the Aceh-only
// parties left out), its aggregates have the presidential shape by party, and a TPS's party totals
// are its votes.
TEST(DocumentStep, ReadsTheDprByParty) {
  ASSERT_TRUE(tree());
  const RegionTree& t = *tree();
  EXPECT_EQ(documentPath(t, DocumentRef::candidates(), Contest::Pdpr), "/pemilu/partai.json");
  EXPECT_EQ(documentPath(t, DocumentRef::counts(t, t.find("1101")), Contest::Pdpr),
            "/pemilu/hhcw/pdpr/11/1101.json");
  EXPECT_EQ(documentPath(t, DocumentRef::counts(t, kNation), Contest::Pdpr),
            "/pemilu/hhcw/pdpr.json");
  auto partai = readFile(pantau::test::dataDir() / "kpu2024" / "pileg" / "partai.json", 1 << 20);
  ASSERT_TRUE(partai);
  DocumentStep step(tree(), {.contest = Contest::Pdpr});
  ASSERT_EQ(step.take(ok("/pemilu/partai.json", *partai), DocumentRef::candidates(), 1000),
            DocumentStep::Outcome::Applied);
  ASSERT_TRUE(step.ready());
  EXPECT_EQ(step.builder()->candidates().size(), 18u);  // 24 less Aceh's six
  for (CandidateId id : step.builder()->candidates()) EXPECT_TRUE(id <= 17 || id == 24) << id;

  const RegionId tpsId = t.find("1101012001001");
  ASSERT_NE(tpsId, kNoRegion);
  const std::string tps =
      R"({"chart": {"1": {"jml_suara_total": 30, "jml_suara_partai": 10}, "3": {"jml_suara_total": 12, "jml_suara_partai": 2}},
    "kode_dapil": "1101", "caleg": {"1": {"100121": 20}, "3": {"100200": 10}}, "images": [null, null],
    "administrasi": null, "psu": null, "ts": "2024-02-15 10:00:00", "status_suara": true, "status_adm": false})";
  ASSERT_EQ(step.take(ok("/pemilu/hhcw/pdpr/11/1101/110101/1101012001/1101012001001.json", tps),
                      DocumentRef::counts(t, tpsId), 2000, true),
            DocumentStep::Outcome::Applied)
      << step.lastError().message;
  auto snap = step.publish(3000);
  const auto votes = snap->ownVotes(tpsId);
  EXPECT_EQ(votes[static_cast<std::size_t>(step.builder()->candidateIndex(1))], 30u);
  EXPECT_EQ(votes[static_cast<std::size_t>(step.builder()->candidateIndex(3))], 12u);
  ASSERT_TRUE(snap->tpsDetail(tpsId));
  EXPECT_EQ(snap->tpsDetail(tpsId)->images.size(), 2u);

  // A bad DPR document is refused with the field named, and changes nothing.
  const std::string bad =
      R"({"chart": {"1": {"jml_suara_total": "30", "jml_suara_partai": 10}}, "kode_dapil": null, "caleg": null,
    "images": [], "administrasi": null, "psu": null, "ts": "2024-02-15 11:00:00", "status_suara": true, "status_adm": false})";
  EXPECT_EQ(step.take(ok("/x.json", bad), DocumentRef::counts(t, tpsId), 4000),
            DocumentStep::Outcome::Failed);
  EXPECT_NE(step.lastError().message.find("jml_suara_total"), std::string::npos)
      << step.lastError().message;
  EXPECT_EQ(step.publish(5000)->ownVotes(
                tpsId)[static_cast<std::size_t>(step.builder()->candidateIndex(1))],
            30u);
}

// --contest pdpd: one province's DPD race. Its candidate list is the province's; a document of
// another province names candidates it does not know and is refused whole.
TEST(DocumentStep, ReadsOneProvincesDpdRace) {
  ASSERT_TRUE(tree());
  const RegionTree& t = *tree();
  EXPECT_EQ(documentPath(t, DocumentRef::candidates(), Contest::Pdpd, "11"),
            "/pemilu/caleg/dpd/11.json");
  EXPECT_EQ(documentPath(t, DocumentRef::counts(t, t.find("1101")), Contest::Pdpd),
            "/pemilu/hhcw/pdpd/11/1101.json");
  DocumentStep step(tree(), {.contest = Contest::Pdpd, .province = "11"});
  const std::string list =
      R"({"900024": {"nama": "B", "nomor_urut": 2, "jenis_kelamin": "L", "tempat_tinggal": "ACEH"},
    "900023": {"nama": "A", "nomor_urut": 1, "jenis_kelamin": "P", "tempat_tinggal": "ACEH"}})";
  ASSERT_EQ(step.take(ok("/pemilu/caleg/dpd/11.json", list), DocumentRef::candidates(), 1000),
            DocumentStep::Outcome::Applied)
      << step.lastError().message;
  ASSERT_EQ(step.builder()->candidates(),
            (std::vector<CandidateId>{900023, 900024}));  // by ballot number
  const RegionId tpsId = t.find("1101012001001");
  const std::string tps =
      R"({"mode": "hhcw", "chart": {"900023": 13, "900024": 40, "null": null}, "images": [null, null, null, null, null],
    "administrasi": null, "psu": null, "ts": "2024-02-15 10:00:00", "status_suara": true, "status_adm": false})";
  ASSERT_EQ(step.take(ok("/pemilu/hhcw/pdpd/11/1101/110101/1101012001/1101012001001.json", tps),
                      DocumentRef::counts(t, tpsId), 2000, true),
            DocumentStep::Outcome::Applied)
      << step.lastError().message;
  auto snap = step.publish(3000);
  EXPECT_EQ(snap->ownVotes(tpsId)[1], 40u);
  EXPECT_EQ(snap->tpsDetail(tpsId)->images.size(), 5u);
  const std::string other =
      R"({"mode": "hhcw", "chart": {"900500": 7, "null": null}, "images": [], "administrasi": null, "psu": null,
    "ts": "2024-02-15 10:00:00", "status_suara": true, "status_adm": false})";
  EXPECT_EQ(step.take(ok("/x.json", other), DocumentRef::counts(t, t.find("3578011001001")), 4000),
            DocumentStep::Outcome::Failed);
}
