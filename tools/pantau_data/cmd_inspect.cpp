// pantau-data inspect FILE...: one JSON line per good file (format fixed by issue #2), errors on
// stderr as "FILE: error: ...", exit 1 if any file was bad.

#include <cstdio>
#include <string>

#include "commands.hpp"
#include "pantau/data/base/file_io.hpp"
#include "pantau/data/base/json_writer.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"

namespace pantau::tools {

using namespace pantau::data;

namespace {

void writeVotes(JsonWriter& w, std::span<const VoteCount> votes) {
  w.beginObject();
  for (const VoteCount& v : votes) w.key(std::to_string(v.candidate)).number(v.votes);
  w.endObject();
}

void writeAggregate(JsonWriter& w, const Aggregate& a) {
  w.key("votes");
  writeVotes(w, a.chart);
  if (a.hasProgress)
    w.key("progress").beginObject().key("total").number(a.progressTotal).key("reported").number(a.progressReported).endObject();
  w.key("rows").beginObject();
  for (const AggregateRow& row : a.rows) {
    w.key(row.code.view()).beginObject().key("votes");
    writeVotes(w, a.votes(row));
    w.key("persen");
    if (row.hasPersen) w.number(row.persen); else w.null();
    w.key("reported").boolean(row.reported()).endObject();
  }
  w.endObject();
}

void writeTps(JsonWriter& w, const TpsDetail& t) {
  w.key("votes");
  writeVotes(w, t.chart);
  w.key("tps").beginObject();
  auto field = [&](const char* name, const uint32_t* v) {
    w.key(name);
    if (v) w.number(*v); else w.null();
  };
  const Administrasi* adm = t.administrasi ? &*t.administrasi : nullptr;
  field("suara_sah", adm ? &adm->suaraSah : nullptr);
  field("suara_tidak_sah", adm ? &adm->suaraTidakSah : nullptr);
  field("suara_total", adm ? &adm->suaraTotal : nullptr);
  field("dpt", adm ? &adm->pemilihDpt[Administrasi::J] : nullptr);
  w.key("images").beginArray();
  for (const auto& url : t.images)
    if (url) w.string(*url);
  w.endArray().endObject();
}

void writeCandidates(JsonWriter& w, const CandidateList& c) {
  w.key("candidates").beginArray();
  for (const Candidate& cand : c.candidates)
    w.beginObject().key("id").string(std::to_string(cand.id)).key("nama").string(cand.nama)
        .key("warna").string(cand.warna).key("nomor_urut").number(cand.nomorUrut).endObject();
  w.endArray();
}

void writeRegions(JsonWriter& w, const RegionList& r) {
  w.key("regions").beginArray();
  for (const RegionListEntry& e : r.regions)
    w.beginObject().key("kode").string(e.kode.view()).key("nama").string(e.nama).endObject();
  w.endArray();
}

/// Latest `ts` of a candidate list (each candidate carries its own).
const Timestamp* latestTs(const CandidateList& c) {
  const Timestamp* best = nullptr;
  for (const Candidate& cand : c.candidates)
    if (cand.ts.present && (!best || cand.ts.epochUtc > best->epochUtc)) best = &cand.ts;
  return best;
}

}  // namespace

int cmdInspect(std::span<const std::string_view> args, const GlobalOptions& opts) {
  if (args.empty()) {
    std::fputs("usage: pantau-data inspect FILE...\n", stderr);
    return 2;
  }
  SirekapParser parser;
  int status = 0;
  std::string line;
  for (std::string_view file : args) {
    auto bytes = readFile(std::string(file), parser.limits().maxDocumentBytes, SirekapParser::kPadding);
    Result<Document> doc = bytes ? parser.parseDocument(*bytes) : Result<Document>(bytes.error());
    if (!doc && bytes && opts.contest == Contest::Pdpr) {
      // The DPR's own shapes: a TPS by party and caleg, a dapil recap, the dapil list.
      line.clear();
      JsonWriter w(line);
      w.beginObject().key("file").string(file);
      if (Status s = inspectLegislative(*bytes, w); s) {
        w.endObject();
        line += '\n';
        std::fwrite(line.data(), 1, line.size(), stdout);
        continue;
      } else {
        doc = Result<Document>(s.error());
      }
    }
    if (!doc) {
      // A read error's message starts with the path; the format puts the file first once.
      std::string_view msg = doc.error().message;
      const std::string prefix = std::string(file) + ": ";
      if (msg.starts_with(prefix)) msg.remove_prefix(prefix.size());
      std::fprintf(stderr, "%.*s: error: %.*s\n", (int)file.size(), file.data(), (int)msg.size(), msg.data());
      status = 1;
      continue;
    }
    line.clear();
    JsonWriter w(line);
    w.beginObject().key("file").string(file).key("kind").string(toString(kindOf(*doc)));
    std::visit(
        [&](const auto& d) {
          using T = std::decay_t<decltype(d)>;
          if constexpr (std::is_same_v<T, Aggregate>) {
            if (d.ts.present) w.key("ts").string(d.ts.view());
            writeAggregate(w, d);
          } else if constexpr (std::is_same_v<T, TpsDetail>) {
            if (d.ts.present) w.key("ts").string(d.ts.view());
            writeTps(w, d);
            if (opts.contest == Contest::Pdpd) writeDpdFindings(d, w);
          } else if constexpr (std::is_same_v<T, CandidateList>) {
            if (const Timestamp* ts = latestTs(d)) w.key("ts").string(ts->view());
            writeCandidates(w, d);
          } else {
            writeRegions(w, d);
          }
        },
        *doc);
    w.endObject();
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
  return status;
}

}  // namespace pantau::tools
