// pantau-data --contest pdpr|pdpd inspect: the legislative shapes the presidential parser does
// not read (a DPR TPS, a dapil recap, the dapil list), with the arithmetic checks that apply.

#include "commands.hpp"
#include "pantau/data/base/json_writer.hpp"
#include "pantau/data/contests/legislative_checks.hpp"
#include "pantau/data/contests/legislative_parser.hpp"

namespace pantau::tools {

using namespace pantau::data;

namespace {

void writeFindings(JsonWriter& w, const std::vector<LegislativeFinding>& findings) {
  w.key("findings").beginArray();
  for (const LegislativeFinding& f : findings)
    w.beginObject().key("check").string(f.check).key("detail").string(f.detail).endObject();
  w.endArray();
}

void writeParties(JsonWriter& w, const std::vector<PartyTally>& parties,
                  const std::vector<CalegTally>& caleg) {
  w.key("votes").beginObject();
  for (const PartyTally& p : parties) w.key(std::to_string(p.party)).number(p.total);
  w.endObject().key("party_only").beginObject();
  for (const PartyTally& p : parties) w.key(std::to_string(p.party)).number(p.partyOnly);
  w.endObject().key("caleg").beginObject();
  for (const CalegTally& c : caleg) w.key(std::to_string(c.caleg)).number(c.votes);
  w.endObject();
}

}  // namespace

Status inspectLegislative(std::string_view text, JsonWriter& w) {
  LegislativeParser parser;
  const bool tps = text.find("\"kode_dapil\"") != std::string_view::npos ||
                   text.find("\"caleg\"") != std::string_view::npos;
  const bool list = text.find_first_not_of(" \t\r\n") != std::string_view::npos &&
                    text[text.find_first_not_of(" \t\r\n")] == '[';
  if (tps) {
    PdprTps t;
    if (Status s = parser.parsePdprTps(text, t); !s) return s;
    w.key("kind").string("pdpr_tps");
    if (t.ts.present) w.key("ts").string(t.ts.view());
    w.key("kode_dapil").string(t.kodeDapil);
    writeParties(w, t.chart, t.caleg);
    writeFindings(w, checkPdprTps(t));
  } else if (list) {
    DapilList d;
    if (Status s = parser.parseDapilList(text, d); !s) return s;
    w.key("kind").string("dapil_list").key("dapil").beginArray();
    for (const DapilEntry& e : d.dapil)
      w.beginObject().key("kode").string(e.kode).key("nama").string(e.nama).endObject();
    w.endArray();
  } else {
    DapilRecap r;
    if (Status s = parser.parseDapilRecap(text, r); !s) return s;
    w.key("kind").string("dapil_recap");
    if (r.ts.present) w.key("ts").string(r.ts.view());
    if (r.table.empty()) {
      std::vector<PartyTally> chart;
      for (const VoteCount& v : r.chart) chart.push_back({v.candidate, v.votes, 0});
      writeParties(w, chart, r.caleg);
    } else {
      writeParties(w, r.table, r.caleg);
    }
    if (r.hasProgress)
      w.key("progress")
          .beginObject()
          .key("total")
          .number(r.progressTotal)
          .key("reported")
          .number(r.progressReported)
          .endObject();
    writeFindings(w, checkDapilRecap(r));
  }
  return Status::success();
}

void writeDpdFindings(const TpsDetail& tps, JsonWriter& w) {
  writeFindings(w, checkPdpdTps(tps));
}

}  // namespace pantau::tools
