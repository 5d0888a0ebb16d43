// The legislative documents (sirekap-pileg.md): the doc's own examples and transcribed fragments
// parse; bad documents are refused with the field named, and the output is left empty.

#include <gtest/gtest.h>

#include "pantau/data/contests/dpr_tps_facts.hpp"
#include "pantau/data/contests/legislative_checks.hpp"
#include "pantau/data/contests/legislative_parser.hpp"
#include "test_support.hpp"

using namespace pantau::data;

namespace {

constexpr const char* kTps = R"({"chart": {"1": {"jml_suara_total": 40, "jml_suara_partai": 4},
  "3": {"jml_suara_total": 12, "jml_suara_partai": 2}, "null": null},
  "kode_dapil": "1101",
  "caleg": {"1": {"100121": 30, "100122": 6, "null": null}, "3": {"100301": 10}},
  "images": ["http://127.0.0.1:1/a.jpg", null], "administrasi": {"suara_sah": 52, "suara_tidak_sah": 3},
  "psu": null, "ts": "2024-02-14 20:00:00", "status_suara": true, "status_adm": true})";

constexpr const char* kRecap = R"({"ts": "2024-02-15 10:00:00", "mode": "hhcw",
  "chart": {"1": 131365, "2": 90000, "persen": 61.2},
  "progres": {"total": 9000, "progres": 5508},
  "table": {"1": {"100121": 66269, "100122": 23894, "jml_suara_total": 131365, "jml_suara_partai": 10031},
            "2": {"100201": 80000, "jml_suara_total": 90000, "jml_suara_partai": 10000}}})";

template <class T, class F>
Error refuse(const std::string& json, F parse) {
  LegislativeParser p;
  T out;
  Status s = (p.*parse)(json, out);
  EXPECT_FALSE(s.ok()) << json;
  EXPECT_TRUE(out.chart.empty());
  EXPECT_TRUE(out.caleg.empty());
  return s.ok() ? Error{ErrorCode::Io, ""} : s.error();
}

Error refuseTps(const std::string& json) {
  return refuse<PdprTps>(json, &LegislativeParser::parsePdprTps);
}
Error refuseRecap(const std::string& json) {
  return refuse<DapilRecap>(json, &LegislativeParser::parseDapilRecap);
}

}  // namespace

TEST(LegislativeParser, PdprTps) {
  LegislativeParser p;
  PdprTps t;
  ASSERT_TRUE(p.parsePdprTps(kTps, t).ok());
  ASSERT_EQ(t.chart.size(), 2u);
  EXPECT_EQ(t.chart[0].party, 1u);
  EXPECT_EQ(t.chart[0].total, 40u);
  EXPECT_EQ(t.chart[0].partyOnly, 4u);
  EXPECT_EQ(t.kodeDapil, "1101");
  ASSERT_EQ(t.caleg.size(), 3u);
  EXPECT_EQ(t.caleg[1].party, 1u);
  EXPECT_EQ(t.caleg[1].caleg, 100122u);
  EXPECT_EQ(t.caleg[1].votes, 6u);
  EXPECT_EQ(t.images.size(), 2u);
  ASSERT_TRUE(t.administrasi);
  EXPECT_EQ(t.administrasi->suaraSah, 52u);
  EXPECT_TRUE(t.statusSuara);
}

TEST(LegislativeParser, PdprTpsNotYetCounted) {
  LegislativeParser p;
  PdprTps t;
  ASSERT_TRUE(
      p.parsePdprTps(R"({"chart": null, "kode_dapil": null, "caleg": null, "images": [null, null],
    "administrasi": null, "psu": null, "ts": null, "status_suara": false, "status_adm": false})",
                     t)
          .ok());
  EXPECT_FALSE(t.chartPresent);
  EXPECT_TRUE(t.kodeDapil.empty());
}

TEST(LegislativeParser, DapilRecapFragment) {
  LegislativeParser p;
  DapilRecap r;
  ASSERT_TRUE(p.parseDapilRecap(kRecap, r).ok());
  ASSERT_EQ(r.chart.size(), 2u);
  EXPECT_DOUBLE_EQ(r.chartPersen, 61.2);
  EXPECT_EQ(r.progressReported, 5508u);
  ASSERT_EQ(r.table.size(), 2u);
  EXPECT_EQ(r.table[0].total, 131365u);
  EXPECT_EQ(r.table[0].partyOnly, 10031u);
  ASSERT_EQ(r.caleg.size(), 3u);
  EXPECT_EQ(r.caleg[0].caleg, 100121u);
  EXPECT_EQ(r.caleg[0].votes, 66269u);
}

TEST(LegislativeParser, NationalRecapFromTheDoc) {
  // /pemilu/hhcd/pdpr/0.json as transcribed (chart and progres only).
  LegislativeParser p;
  DapilRecap r;
  ASSERT_TRUE(
      p.parseDapilRecap(R"({"chart": {"1": 8301190, "2": 9467262, "3": 11837622, "24": 320959},
    "progres": {"total": 823236, "progres": 511141}})",
                        r)
          .ok());
  EXPECT_EQ(r.chart.size(), 4u);
  EXPECT_TRUE(r.table.empty());
  EXPECT_EQ(r.progressTotal, 823236u);
}

TEST(LegislativeParser, RealPartyList) {
  auto json = readFile(pantau::test::dataDir() / "kpu2024/pileg/partai.json", 1 << 20);
  ASSERT_TRUE(json.ok());
  LegislativeParser p;
  PartyList parties;
  Status s = p.parsePartyList(*json, parties);
  ASSERT_TRUE(s.ok()) << s.error().message;
  ASSERT_EQ(parties.parties.size(), 24u);
  int aceh = 0;
  for (const Party& party : parties.parties) aceh += party.isAceh;
  EXPECT_EQ(aceh, 6);
  ASSERT_TRUE(parties.find(1));
  EXPECT_EQ(parties.find(1)->warna, "#00764A");
  EXPECT_EQ(parties.find(1)->rgb, 0x00764Au);
  EXPECT_EQ(parties.find(1)->idPartai, 100001u);
}

TEST(LegislativeParser, CalegListsAndDapilList) {
  LegislativeParser p;
  CalegList c;
  ASSERT_TRUE(
      p.parseCalegList(R"({"1": {"100121": {"nama": "H. IRMAWAN, S.Sos., M.M.", "nomor_urut": 1,
    "jenis_kelamin": "L", "tempat_tinggal": "KOTA BANDA ACEH"}}, "2": {"100201": {"nama": "X", "nomor_urut": 1,
    "jenis_kelamin": "P", "tempat_tinggal": null}}})",
                       c)
          .ok());
  ASSERT_EQ(c.caleg.size(), 2u);
  EXPECT_EQ(c.caleg[0].party, 1u);
  EXPECT_EQ(c.caleg[0].jenisKelamin, 'L');
  EXPECT_EQ(c.caleg[1].jenisKelamin, 'P');
  CalegList dpd;
  ASSERT_TRUE(p.parseDpdCalegList(
                   R"({"695637": {"nama": "A", "nomor_urut": 1, "jenis_kelamin": "L"}})", dpd)
                  .ok());
  EXPECT_EQ(dpd.caleg[0].party, 0u);
  DapilList d;
  ASSERT_TRUE(
      p.parseDapilList(
           R"([{"nama": "ACEH I", "id": 5001, "kode": "1101"}, {"nama": "ACEH II", "id": 5002, "kode": "1102"}])",
           d)
          .ok());
  ASSERT_EQ(d.dapil.size(), 2u);
  EXPECT_EQ(d.dapil[1].kode, "1102");
}

TEST(LegislativeParser, BadTpsNamesTheField) {
  EXPECT_NE(refuseTps(R"({"chart": {"1": {"jml_suara_total": "40", "jml_suara_partai": 4}}})")
                .message.find("chart.1.jml_suara_total"),
            std::string::npos);
  EXPECT_NE(refuseTps(R"({"chart": {"1": {"jml_suara_total": -1, "jml_suara_partai": 0}}})")
                .message.find("chart.1.jml_suara_total"),
            std::string::npos);
  EXPECT_NE(refuseTps(R"({"chart": {"1": {"jml_suara_total": 4}}})").message.find("chart.1"),
            std::string::npos);
  EXPECT_NE(refuseTps(R"({"chart": {"PKB": {"jml_suara_total": 4, "jml_suara_partai": 0}}})")
                .message.find("chart.PKB"),
            std::string::npos);
  EXPECT_NE(refuseTps(R"({"chart": {"1": 40}})").message.find("chart.1"), std::string::npos);
  Error dup = refuseTps(
      R"({"chart": {"1": {"jml_suara_total": 4, "jml_suara_partai": 0}, "1": {"jml_suara_total": 4, "jml_suara_partai": 0}}})");
  EXPECT_EQ(dup.code, ErrorCode::Duplicate);
  EXPECT_NE(dup.message.find("chart.1"), std::string::npos);
  EXPECT_NE(refuseTps(R"({"kode_dapil": "11x1"})").message.find("kode_dapil"), std::string::npos);
  EXPECT_NE(refuseTps(R"({"caleg": {"1": {"100121": 1.5}}})").message.find("caleg.1.100121"),
            std::string::npos);
  EXPECT_EQ(refuseTps(R"({"caleg": {"1": {"100121": 1, "100121": 2}}})").code,
            ErrorCode::Duplicate);
  EXPECT_NE(refuseTps(R"({"images": ["file:///etc/passwd"]})").message.find("images[0]"),
            std::string::npos);
  EXPECT_EQ(refuseTps(R"({"chart": null, "chart": null})").code, ErrorCode::Duplicate);
  EXPECT_EQ(refuseTps(R"({"chart": {"1": {"jml_suara_total": 4, "jml_suara_partai": 0})").code,
            ErrorCode::Syntax);
  EXPECT_EQ(refuseTps("[]").code, ErrorCode::Type);
}

TEST(LegislativeParser, BadRecapNamesTheField) {
  EXPECT_NE(refuseRecap(R"({"chart": {"1": "x"}})").message.find("chart.1"), std::string::npos);
  EXPECT_NE(refuseRecap(R"({"table": {"1": {"100121": 5, "jml_suara_partai": 1}}})")
                .message.find("table.1"),
            std::string::npos);
  EXPECT_NE(
      refuseRecap(
          R"({"table": {"1": {"100121": true, "jml_suara_total": 5, "jml_suara_partai": 1}}})")
          .message.find("table.1.100121"),
      std::string::npos);
  EXPECT_EQ(
      refuseRecap(
          R"({"table": {"1": {"jml_suara_total": 5, "jml_suara_total": 5, "jml_suara_partai": 1}}})")
          .code,
      ErrorCode::Duplicate);
  EXPECT_NE(refuseRecap(R"({"chart": {}, "progres": {"total": 3}})").message.find("progres"),
            std::string::npos);
  EXPECT_EQ(refuseRecap(R"({"ts": "2024-02-15 10:00:00"})").code, ErrorCode::Missing);
}

TEST(LegislativeParser, BadListsNameTheField) {
  LegislativeParser p;
  PartyList parties;
  Status s =
      p.parsePartyList(R"({"1": {"nama": "A", "nomor_urut": 1, "warna": "green"}})", parties);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("1.warna"), std::string::npos);
  s = p.parsePartyList(
      R"({"1": {"nama": "A", "nomor_urut": 1, "warna": "#000000", "id_pilihan": 2}})", parties);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("id_pilihan"), std::string::npos);
  s = p.parsePartyList(
      R"({"1": {"nama": "A", "nomor_urut": 1, "warna": "#000000"}, "1": {"nama": "A", "nomor_urut": 1, "warna": "#000000"}})",
      parties);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::Duplicate);
  EXPECT_TRUE(parties.parties.empty());
  CalegList c;
  s = p.parseCalegList(R"({"1": {"100121": {"nama": "A", "nomor_urut": 1, "jenis_kelamin": "X"}}})",
                       c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("1.100121.jenis_kelamin"), std::string::npos);
  s = p.parseCalegList(R"({"1": {"100121": {"nama": "A"}}})", c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("1.100121"), std::string::npos);
  DapilList d;
  s = p.parseDapilList(
      R"([{"nama": "ACEH I", "kode": "1101"}, {"nama": "ACEH I", "kode": "1101"}])", d);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::Duplicate);
  s = p.parseDapilList(R"([{"nama": "ACEH I", "kode": 1101}])", d);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("[0].kode"), std::string::npos);
}

TEST(LegislativeParser, OverTheSizeLimit) {
  LegislativeParser p(LegislativeParser::Limits{64, 16, 4096});
  PdprTps t;
  Status s = p.parsePdprTps(std::string(100, ' '), t);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::TooLarge);
}

TEST(LegislativeChecks, ArithmeticWhereItApplies) {
  LegislativeParser p;
  PdprTps t;
  ASSERT_TRUE(p.parsePdprTps(kTps, t).ok());
  EXPECT_TRUE(checkPdprTps(t).empty());  // 40 = 4 + 30 + 6; 12 = 2 + 10; 52 <= 52
  // A tens digit misread: 40 read as 70.
  std::string misread = kTps;
  misread.replace(misread.find("\"jml_suara_total\": 40"), 21, "\"jml_suara_total\": 70");
  ASSERT_TRUE(p.parsePdprTps(misread, t).ok());
  auto f = checkPdprTps(t);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].check, "party_caleg_sum");
  EXPECT_NE(f[0].detail.find("70"), std::string::npos);
  EXPECT_EQ(f[1].check, "sum_over_valid");
  DapilRecap r;
  ASSERT_TRUE(p.parseDapilRecap(kRecap, r).ok());
  auto rf = checkDapilRecap(r);  // the fragment's party 1 lists two of its seven caleg
  ASSERT_EQ(rf.size(), 1u);
  EXPECT_EQ(rf[0].check, "party_caleg_sum");
  TpsDetail dpd;
  SirekapParser sp;
  ASSERT_TRUE(sp.parseTps(
      std::string_view(
          R"({"chart": {"695637": 13, "695638": 300, "null": null}, "administrasi": {"suara_sah": 226}})"),
      dpd));
  ASSERT_EQ(checkPdpdTps(dpd).size(), 1u);
}

TEST(LegislativeInspect, ContestPdprReadsTheDprShapes) {
  const std::string tps = pantau::test::tempPath("pdpr_tps.json"),
                    recap = pantau::test::tempPath("hhcd.json"),
                    bad = pantau::test::tempPath("bad.json");
  ASSERT_TRUE(writeFileAtomic(tps, kTps, false));
  ASSERT_TRUE(writeFileAtomic(recap, kRecap, false));
  ASSERT_TRUE(writeFileAtomic(
      bad,
      R"({"chart": {"1": {"jml_suara_total": "x", "jml_suara_partai": 0}}, "kode_dapil": "1101"})",
      false));
  const std::string bin = std::string(PANTAU_BIN_DIR) + "/pantau-data";
  auto run = pantau::test::runCommand(bin + " --contest pdpr inspect " + tps + " " + recap);
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("\"kind\": \"pdpr_tps\""), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\"kode_dapil\": \"1101\""), std::string::npos);
  EXPECT_NE(run.out.find("\"kind\": \"dapil_recap\""), std::string::npos);
  EXPECT_NE(run.out.find("party_caleg_sum"), std::string::npos);  // the fragment lists two caleg
  auto refused = pantau::test::runCommand(bin + " --contest pdpr inspect " + bad);
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.err.find("chart.1.jml_suara_total"), std::string::npos) << refused.err;
  // Without --contest the presidential parser refuses the DPR's chart, naming the field.
  auto plain = pantau::test::runCommand(bin + " inspect " + tps);
  EXPECT_EQ(plain.status, 1);
  EXPECT_NE(plain.err.find("chart.1"), std::string::npos) << plain.err;
  EXPECT_EQ(pantau::test::runCommand(bin + " --contest pdpx inspect " + tps).status, 2);
  std::remove(tps.c_str());
  std::remove(recap.c_str());
  std::remove(bad.c_str());
}

TEST(LegislativeChecks, TheRealDpdTpsAddsUpToItsSuaraSah) {
  // KPU's own DPD TPS document (samples/): its 30 candidates' votes add up to exactly its suara
  // sah (226), so the check finds nothing; one vote more is a finding naming both numbers.
  std::string real = pantau::test::readSample("pdpd_hhcw_tps_1101012001001.json");
  SirekapParser sp;
  TpsDetail dpd;
  ASSERT_TRUE(sp.parseTps(std::string_view(real), dpd).ok());
  uint64_t sum = 0;
  for (const VoteCount& v : dpd.chart) sum += v.votes;
  ASSERT_TRUE(dpd.administrasi);
  EXPECT_EQ(sum, dpd.administrasi->suaraSah);
  EXPECT_TRUE(checkPdpdTps(dpd).empty());
  real.replace(real.find("\"695637\": 13"), 12, "\"695637\": 14");
  ASSERT_TRUE(sp.parseTps(std::string_view(real), dpd).ok());
  const auto f = checkPdpdTps(dpd);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].check, "sum_over_valid");
  EXPECT_NE(f[0].detail.find("227"), std::string::npos) << f[0].detail;
  EXPECT_NE(f[0].detail.find("226"), std::string::npos) << f[0].detail;
}

TEST(DprTpsTable, KeepsWhatTheSnapshotDoesNot) {
  // What the DPR's TPS export writes beside the party totals: the dapil, each party's party-only
  // ballots and its caleg's votes summed, the failed checks; a TPS taken again is replaced.
  LegislativeParser p;
  PdprTps tps;
  ASSERT_TRUE(p.parsePdprTps(kTps, tps));
  DprTpsTable table;
  table.take(7, tps);
  const DprTpsFacts* f = table.find(7);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->dapil, "1101");
  ASSERT_TRUE(f->find(1) && f->find(3));
  EXPECT_EQ(f->find(1)->partyOnly, 4u);
  EXPECT_EQ(f->find(1)->caleg, 36u);  // 30 + 6
  EXPECT_EQ(f->find(3)->partyOnly, 2u);
  EXPECT_EQ(f->find(3)->caleg, 10u);
  EXPECT_EQ(f->find(2), nullptr);
  EXPECT_TRUE(f->checks.empty());
  EXPECT_EQ(table.find(8), nullptr);
  // A misread total (40 read as 70): party + caleg no longer adds up, and the parties exceed suara sah.
  std::string misread = kTps;
  misread.replace(misread.find("40"), 2, "70");
  ASSERT_TRUE(p.parsePdprTps(misread, tps));
  table.take(7, tps);
  EXPECT_EQ(table.size(), 1u);
  EXPECT_EQ(table.find(7)->checks, (std::vector<std::string>{"party_caleg_sum", "sum_over_valid"}));
  EXPECT_EQ(table.find(7)->find(1)->caleg, 36u);
}
