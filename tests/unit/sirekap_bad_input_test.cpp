// Hostile and broken documents: each gives a typed error that names the field, never a crash, and
// the output struct is left empty (never half-filled).

#include <gtest/gtest.h>

#include "pantau/data/sirekap/sirekap_parser.hpp"
#include "test_support.hpp"

using namespace pantau::data;

namespace {

struct Expect {
  ErrorCode code;
  std::string fieldInMessage;
};

void expectAggregateError(const std::string& json, Expect e) {
  SirekapParser parser;
  Aggregate out;
  out.rows.push_back({});  // must be cleared on failure
  Status s = parser.parseAggregate(json, out);
  ASSERT_FALSE(s) << json.substr(0, 200);
  EXPECT_EQ(s.error().code, e.code) << toString(s.error().code) << ": " << s.error().message;
  EXPECT_NE(s.error().message.find(e.fieldInMessage), std::string::npos)
      << "message '" << s.error().message << "' should name '" << e.fieldInMessage << "'";
  EXPECT_TRUE(out.rows.empty());
  EXPECT_TRUE(out.chart.empty());
}

void expectTpsError(const std::string& json, Expect e) {
  SirekapParser parser;
  TpsDetail out;
  Status s = parser.parseTps(json, out);
  ASSERT_FALSE(s) << json.substr(0, 200);
  EXPECT_EQ(s.error().code, e.code) << toString(s.error().code) << ": " << s.error().message;
  EXPECT_NE(s.error().message.find(e.fieldInMessage), std::string::npos)
      << "message '" << s.error().message << "' should name '" << e.fieldInMessage << "'";
  EXPECT_TRUE(out.chart.empty());
  EXPECT_TRUE(out.images.empty());
}

const std::string kGood =
    R"({"ts": "2024-02-15 10:00:00", "psu": "Reguler", "mode": "hhcw",
        "chart": {"100025": 10, "100026": 20, "100027": 5, "persen": 50.0},
        "table": {"11": {"psu": "Reguler", "100025": 10, "100026": 20, "100027": 5, "persen": 50.0, "status_progress": true},
                  "12": {"psu": "Reguler", "persen": 0.0, "status_progress": false}},
        "progres": {"total": 4, "progres": 2}})";

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return s.replace(at, from.size(), to);
}

}  // namespace

TEST(SirekapBadInput, TheGoodBaselineParses) {
  SirekapParser parser;
  Aggregate a;
  Status s = parser.parseAggregate(kGood, a);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(a.rows.size(), 2u);
}

TEST(SirekapBadInput, TruncatedAnywhere) {
  // Cut the document at every byte: each prefix must fail cleanly (or, for none, parse).
  SirekapParser parser;
  Aggregate a;
  for (std::size_t n = 0; n < kGood.size(); ++n) {
    Status s = parser.parseAggregate(std::string_view(kGood).substr(0, n), a);
    ASSERT_FALSE(s) << "prefix of " << n << " bytes parsed";
    EXPECT_TRUE(a.rows.empty());
  }
}

TEST(SirekapBadInput, WrongTypes) {
  expectAggregateError(replace(kGood, R"("100026": 20, "100027": 5, "persen": 50.0},)", R"("100026": "20", "100027": 5, "persen": 50.0},)"),
                       {ErrorCode::Type, "chart.100026"});
  expectAggregateError(replace(kGood, R"("table": {)", R"("table": [], "x": {)"), {ErrorCode::Type, "table"});
  expectAggregateError(replace(kGood, R"("status_progress": true)", R"("status_progress": "yes")"),
                       {ErrorCode::Type, "table.11.status_progress"});
  expectAggregateError(replace(kGood, R"("total": 4)", R"("total": 4.5)"), {ErrorCode::Type, "progres.total"});
  expectAggregateError(replace(kGood, R"("ts": "2024-02-15 10:00:00")", R"("ts": "yesterday")"), {ErrorCode::Type, "ts"});
  expectAggregateError("[1, 2, 3]", {ErrorCode::Type, "document"});
  expectTpsError(R"({"chart": {"null": null, "100025": true}, "images": []})", {ErrorCode::Type, "chart.100025"});
  expectTpsError(R"({"chart": null, "images": "none"})", {ErrorCode::Type, "images"});
  expectTpsError(R"({"chart": null, "images": [], "administrasi": {"suara_sah": "12"}})",
                 {ErrorCode::Type, "administrasi.suara_sah"});
}

TEST(SirekapBadInput, NegativeAndHugeCounts) {
  expectAggregateError(replace(kGood, R"("100025": 10, "100026": 20, "100027": 5, "persen": 50.0, "status)",
                               R"("100025": -10, "100026": 20, "100027": 5, "persen": 50.0, "status)"),
                       {ErrorCode::Range, "table.11.100025"});
  expectAggregateError(replace(kGood, R"("100027": 5, "persen": 50.0},)", R"("100027": 2147483648, "persen": 50.0},)"),
                       {ErrorCode::Range, "chart.100027"});
  expectAggregateError(replace(kGood, R"("100027": 5, "persen": 50.0},)", R"("100027": 99999999999999999999999, "persen": 50.0},)"),
                       {ErrorCode::Range, "chart.100027"});
  expectAggregateError(replace(kGood, R"("progres": 2)", R"("progres": -1)"), {ErrorCode::Range, "progres.progres"});
  expectAggregateError(replace(kGood, R"("persen": 50.0},)", R"("persen": -3},)"), {ErrorCode::Range, "chart.persen"});
  expectTpsError(R"({"chart": null, "images": [], "administrasi": {"pemilih_dpt_j": 4294967296}})",
                 {ErrorCode::Range, "administrasi.pemilih_dpt_j"});
}

TEST(SirekapBadInput, MalformedAndHostileCodes) {
  for (const char* code : {"1", "111", "../11", "11/01", "..", "1a", "11\\/01", "1101012001001X"}) {
    std::string json = replace(kGood, R"("12": {)", std::string("\"") + code + "\": {");
    SirekapParser parser;
    Aggregate a;
    Status s = parser.parseAggregate(json, a);
    ASSERT_FALSE(s) << code;
    EXPECT_EQ(s.error().code, ErrorCode::BadCode) << code << ": " << s.error().message;
    EXPECT_NE(s.error().message.find("table."), std::string::npos) << s.error().message;
  }
  // Codes of different levels in one table.
  expectAggregateError(replace(kGood, R"("12": {)", R"("1201": {)"), {ErrorCode::BadCode, "table.1201"});
  SirekapParser parser;
  RegionList r;
  Status s = parser.parseRegionList(R"([{"nama": "X", "id": 1, "kode": "../../etc", "tingkat": 1}])", r);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::BadCode);
  EXPECT_NE(s.error().message.find("[0].kode"), std::string::npos) << s.error().message;
  s = parser.parseRegionList(R"([{"nama": "X", "id": 1, "kode": "1101", "tingkat": 1}])", r);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::BadCode) << s.error().message;
}

TEST(SirekapBadInput, DuplicateKeys) {
  expectAggregateError(replace(kGood, R"("12": {)", R"("11": {)"), {ErrorCode::Duplicate, "table.11"});
  expectAggregateError(replace(kGood, R"("mode": "hhcw",)", R"("mode": "hhcw", "ts": "2024-02-15 10:00:00",)"),
                       {ErrorCode::Duplicate, "ts"});
  expectAggregateError(replace(kGood, R"("100027": 5, "persen": 50.0},)", R"("100027": 5, "100025": 7, "persen": 50.0},)"),
                       {ErrorCode::Duplicate, "chart"});
  expectAggregateError(replace(kGood, R"("100027": 5, "persen": 50.0, "status)", R"("100027": 5, "100027": 6, "persen": 50.0, "status)"),
                       {ErrorCode::Duplicate, "table.11"});
  expectTpsError(R"({"chart": null, "images": [], "administrasi": {"suara_sah": 1, "suara_sah": 2}})",
                 {ErrorCode::Duplicate, "administrasi.suara_sah"});
}

TEST(SirekapBadInput, HundredMegabyteDocumentIsRefusedBeforeParsing) {
  std::string huge = R"({"table": {"11": {"100025": 1}}, "pad": ")";
  huge.append(100u << 20, 'x');
  huge += "\"}";
  expectAggregateError(huge, {ErrorCode::TooLarge, "over the limit"});
}

TEST(SirekapBadInput, TenThousandDeepNesting) {
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += '[';
  for (int i = 0; i < 10000; ++i) deep += ']';
  // Inside a known field: the wrong type is named.
  expectAggregateError(R"({"chart": {"100025": )" + deep + R"(}, "table": {}})", {ErrorCode::Type, "chart.100025"});
  // Inside an unknown field: skipped without recursion, document still parses.
  SirekapParser parser;
  Aggregate a;
  EXPECT_TRUE(parser.parseAggregate(R"({"extra": )" + deep + R"(, "table": {}})", a));
  // Unbalanced: a clean error.
  std::string open(10000, '{');
  expectAggregateError(open, {ErrorCode::Syntax, "document"});
  // As the whole document, given to the kind detector.
  auto doc = parser.parseDocument(deep);
  EXPECT_FALSE(doc);
}

TEST(SirekapBadInput, InvalidUtf8) {
  std::string bad = replace(kGood, R"("psu": "Reguler", "mode")", "\"psu\": \"Regu\xff\xfeler\", \"mode\"");
  SirekapParser parser;
  Aggregate a;
  Status s = parser.parseAggregate(bad, a);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::Utf8) << s.error().message;
}

TEST(SirekapBadInput, GarbageAndEmpty) {
  expectAggregateError("", {ErrorCode::Syntax, "document"});
  expectAggregateError("   ", {ErrorCode::Syntax, "document"});
  expectAggregateError("<html>503 Service Unavailable</html>", {ErrorCode::Syntax, "document"});
  expectAggregateError(kGood + " {}", {ErrorCode::Syntax, "document"});
  expectAggregateError(R"({"ts": "2024-02-15 10:00:00"})", {ErrorCode::Missing, "table"});
}

TEST(SirekapBadInput, HostileImageUrlsAndTooManyImages) {
  expectTpsError(R"({"chart": null, "images": ["file:///etc/passwd"]})", {ErrorCode::Refused, "images[0]"});
  std::string many = R"({"chart": null, "images": [)";
  for (int i = 0; i < 17; ++i) many += std::string(i ? "," : "") + "null";
  expectTpsError(many + "]}", {ErrorCode::TooLarge, "images"});
}

TEST(SirekapBadInput, RandomMutationsNeverCrash) {
  // A cheap in-suite fuzzer: flip, drop and duplicate bytes of a real document. Every result must
  // be a success or a typed error; sanitizer builds (make asan) turn any memory bug into a failure.
  std::string base = pantau::test::readSample("ppwp_hhcw_national.json");
  SirekapParser parser;
  uint64_t state = 42;
  auto next = [&] { return state = state * 6364136223846793005ull + 1442695040888963407ull; };
  int failures = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string m = base;
    for (int k = 0, n = 1 + int(next() >> 61); k < n; ++k) {
      std::size_t at = (next() >> 33) % m.size();
      switch ((next() >> 40) % 3) {
        case 0: m[at] = static_cast<char>(next() >> 56); break;
        case 1: m.erase(at, 1 + (next() >> 60)); break;
        default: m.insert(at, m.substr(at, 1 + (next() >> 59))); break;
      }
    }
    auto doc = parser.parseDocument(m);
    if (!doc) {
      ++failures;
      EXPECT_FALSE(doc.error().message.empty());
    }
  }
  EXPECT_GT(failures, 100);  // the mutations do break documents, and each break was reported
}
