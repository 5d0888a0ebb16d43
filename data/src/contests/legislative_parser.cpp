// Legislative document parsers on simdjson On-Demand, in the manner of sirekap_parser.cpp: each
// walks its document once, field by field, so a duplicate key is seen and unknown fields cost one
// skip; errors name the field. Shapes: sirekap-pileg.md.
//
// [SECTION] Entry points
// [SECTION] Party and caleg tallies
// [SECTION] TPS (pdpr)
// [SECTION] Dapil recap (hhcd/pdpr)
// [SECTION] Lists: parties, caleg, dapil

#include "pantau/data/contests/legislative_parser.hpp"

#include <algorithm>

#include "sirekap/json_read.hpp"

namespace pantau::data {

using json::Path;
using json::seenOnce;
namespace od = simdjson::ondemand;

//-----------------------------------------------------------------------------
// [SECTION] Entry points
//-----------------------------------------------------------------------------

struct LegislativeParser::Impl {
  Limits limits;
  json::DocumentInput input;
  std::vector<std::pair<PartyId, CalegId>> scratch;  // duplicate check of (party, caleg) pairs

  explicit Impl(Limits l) : limits(l), input(l.maxDocumentBytes, SirekapParser::kPadding) {}

  template <class T, class F>
  Status run(std::string_view json, T& out, F parse) {
    return json::runDocument(input, json, 0, out,
                             [&](od::document& d, T& o) { return parse(d, o); });
  }

  Status pdprTps(od::document& doc, PdprTps& out);
  Status dapilRecap(od::document& doc, DapilRecap& out);
  Status partyList(od::document& doc, PartyList& out);
  Status calegList(od::document& doc, CalegList& out, bool byParty);
  Status dapilList(od::document& doc, DapilList& out);
  /// Duplicate (party, caleg) pairs; `where` "" names the party alone (the party list).
  Status distinctCaleg(const std::vector<CalegTally>& caleg, const char* where);
};

LegislativeParser::LegislativeParser() : LegislativeParser(Limits{}) {}
LegislativeParser::LegislativeParser(Limits limits) : m_impl(std::make_unique<Impl>(limits)) {}
LegislativeParser::~LegislativeParser() = default;

Status LegislativeParser::parsePdprTps(std::string_view json, PdprTps& out) {
  return m_impl->run(json, out, [&](od::document& d, PdprTps& o) { return m_impl->pdprTps(d, o); });
}
Status LegislativeParser::parseDapilRecap(std::string_view json, DapilRecap& out) {
  return m_impl->run(json, out,
                     [&](od::document& d, DapilRecap& o) { return m_impl->dapilRecap(d, o); });
}
Status LegislativeParser::parsePartyList(std::string_view json, PartyList& out) {
  return m_impl->run(json, out,
                     [&](od::document& d, PartyList& o) { return m_impl->partyList(d, o); });
}
Status LegislativeParser::parseCalegList(std::string_view json, CalegList& out) {
  return m_impl->run(json, out,
                     [&](od::document& d, CalegList& o) { return m_impl->calegList(d, o, true); });
}
Status LegislativeParser::parseDpdCalegList(std::string_view json, CalegList& out) {
  return m_impl->run(json, out,
                     [&](od::document& d, CalegList& o) { return m_impl->calegList(d, o, false); });
}
Status LegislativeParser::parseDapilList(std::string_view json, DapilList& out) {
  return m_impl->run(json, out,
                     [&](od::document& d, DapilList& o) { return m_impl->dapilList(d, o); });
}

const char* toString(Contest c) {
  switch (c) {
    case Contest::Ppwp:
      return "ppwp";
    case Contest::Pdpr:
      return "pdpr";
    case Contest::Pdpd:
      return "pdpd";
  }
  return "?";
}

std::optional<Contest> parseContest(std::string_view slug) {
  for (Contest c : {Contest::Ppwp, Contest::Pdpr, Contest::Pdpd})
    if (slug == toString(c)) return c;
  return std::nullopt;
}

const Party* PartyList::find(PartyId id) const {
  for (const Party& p : parties)
    if (p.id == id) return &p;
  return nullptr;
}

//-----------------------------------------------------------------------------
// [SECTION] Party and caleg tallies
//-----------------------------------------------------------------------------

namespace {

Status badId(std::string_view parent, std::string_view key, const char* what) {
  return Error{ErrorCode::Type, Path{parent, key}.str() + ": key is not " + what + " (digits)"};
}

/// A dapil code: 4 digits ("1101"), the province's code then the dapil's number.
bool isDapilCode(std::string_view s) {
  return s.size() == 4 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// `jml_suara_total` or `jml_suara_partai` into `t` (bits 1 and 2 of `seen`); sets `handled` when
/// `f` is one of them.
Status readJmlField(std::string_view f, od::value& v, uint32_t& seen, PartyTally& t,
                    const Path& where, bool& handled) {
  handled = json::is(f, "jml_suara_total") || json::is(f, "jml_suara_partai");
  if (!handled) return Status::success();
  const bool total = json::is(f, "jml_suara_total");
  if (Status st = seenOnce(seen, total ? 1 : 2, where); !st) return st;
  return json::readCountOrNull(v, total ? t.total : t.partyOnly, where);
}

/// `{"jml_suara_total": N, "jml_suara_partai": N}` of one party (either may be null: not yet
/// counted).
Status readPartyTally(od::value& v, std::string_view parent, std::string_view key, PartyTally& t) {
  const Path at{parent, key};
  od::object obj;
  if (Status s = json::getObject(v, obj, at, "an object of jml_suara_total and jml_suara_partai");
      !s)
    return s;
  uint32_t seen = 0;
  Status s = json::forEachField(obj, at, [&](std::string_view f, od::value& fv) {
    bool handled = false;
    return readJmlField(f, fv, seen, t, Path{parent, key, f}, handled);
  });
  if (!s) return s;
  if (seen != 3)
    return Error{ErrorCode::Missing,
                 at.str() + ": needs both jml_suara_total and jml_suara_partai"};
  return Status::success();
}

Status distinctParties(const std::vector<PartyTally>& tallies, const char* where) {
  for (std::size_t i = 0; i < tallies.size(); ++i)
    for (std::size_t j = i + 1; j < tallies.size(); ++j)
      if (tallies[i].party == tallies[j].party)
        return Error{
            ErrorCode::Duplicate,
            std::string(where) + "." + std::to_string(tallies[i].party) + ": appears twice"};
  return Status::success();
}

/// `chart` of a DPR TPS: {party: {jml_suara_total, jml_suara_partai} | null, "null": null}.
Status readTpsChart(od::value& v, std::vector<PartyTally>& chart) {
  const Path at{"chart"};
  od::object obj;
  if (Status s = json::getObject(v, obj, at, "an object or null"); !s) return s;
  Status s = json::forEachField(obj, at, [&](std::string_view key, od::value& fv) {
    PartyTally t;
    if (!json::parseCandidateId(key, t.party)) {
      if (json::is(key, "null") && json::isNull(fv)) return Status::success();
      return badId("chart", key, "a party id");
    }
    if (json::isNull(fv)) return Status::success();
    if (Status st = readPartyTally(fv, "chart", key, t); !st) return st;
    chart.push_back(t);
    return Status::success();
  });
  if (!s) return s;
  return distinctParties(chart, "chart");
}

/// Caleg votes of one party: {caleg id | "null": N | null}; `extra` sees the other keys (the
/// recap's jml_suara_total and jml_suara_partai).
template <class Extra>
Status readCalegVotes(od::value& v, std::string_view parent, std::string_view partyKey,
                      PartyId party, std::vector<CalegTally>& out, Extra&& extra) {
  const Path at{parent, partyKey};
  od::object obj;
  if (Status s = json::getObject(v, obj, at, "an object of caleg votes"); !s) return s;
  return json::forEachField(obj, at, [&](std::string_view key, od::value& fv) {
    const Path where{parent, partyKey, key};
    CalegTally t{party, 0, 0};
    if (json::parseCandidateId(key, t.caleg)) {
      if (json::isNull(fv)) return Status::success();
      if (Status st = json::readCount(fv, t.votes, where); !st) return st;
      out.push_back(t);
      return Status::success();
    }
    if (json::is(key, "null")) {  // votes for the party's ballot without a name: as served, ignored
      uint32_t ignored = 0;
      return json::readCountOrNull(fv, ignored, where);
    }
    return extra(key, fv, where);
  });
}

}  // namespace

Status LegislativeParser::Impl::distinctCaleg(const std::vector<CalegTally>& caleg,
                                              const char* where) {
  scratch.clear();
  for (const CalegTally& c : caleg) scratch.emplace_back(c.party, c.caleg);
  std::sort(scratch.begin(), scratch.end());
  if (auto d = std::adjacent_find(scratch.begin(), scratch.end()); d != scratch.end())
    return Error{ErrorCode::Duplicate,
                 (*where ? std::string(where) + "." : std::string()) + std::to_string(d->first) +
                     (*where ? "." + std::to_string(d->second) : std::string()) +
                     ": appears twice"};
  return Status::success();
}

//-----------------------------------------------------------------------------
// [SECTION] TPS (pdpr)
//-----------------------------------------------------------------------------

namespace {

Status readTpsCaleg(od::value& v, std::vector<CalegTally>& out) {
  const Path at{"caleg"};
  od::object obj;
  if (Status s = json::getObject(v, obj, at, "an object or null"); !s) return s;
  return json::forEachField(obj, at, [&](std::string_view key, od::value& fv) {
    PartyId party = 0;
    if (!json::parseCandidateId(key, party)) return badId("caleg", key, "a party id");
    if (json::isNull(fv)) return Status::success();
    return readCalegVotes(fv, "caleg", key, party, out,
                          [](std::string_view, od::value&, const Path&) {
                            return Status::success();  // keys a later API may add
                          });
  });
}

Status readKodeDapil(od::value& v, std::string& out, const Path& where) {
  if (json::isNull(v)) return Status::success();
  std::string_view s;
  if (Status st = json::readString(v, s, 64, where); !st) return st;
  if (!isDapilCode(s))
    return Error{ErrorCode::BadCode, where.str() + ": '" + std::string(s.substr(0, 20)) +
                                         "' is not a dapil code (4 digits)"};
  out = s;
  return Status::success();
}

}  // namespace

Status LegislativeParser::Impl::pdprTps(od::document& doc, PdprTps& out) {
  od::object obj;
  if (Status s = json::DocumentInput::beginObject(doc, obj, "a TPS object"); !s) return s;
  enum : uint32_t { kChart = 1, kDapil = 2, kCaleg = 4 };
  uint32_t seen = 0;
  Status s = json::forEachField(obj, Path{}, [&](std::string_view key, od::value& v) {
    const Path where{"", key};
    if (json::is(key, "chart")) {
      if (Status st = seenOnce(seen, kChart, where); !st) return st;
      if (json::isNull(v)) return Status::success();
      out.chartPresent = true;
      return readTpsChart(v, out.chart);
    }
    if (json::is(key, "caleg")) {
      if (Status st = seenOnce(seen, kCaleg, where); !st) return st;
      if (json::isNull(v)) return Status::success();
      return readTpsCaleg(v, out.caleg);
    }
    if (json::is(key, "kode_dapil")) {
      if (Status st = seenOnce(seen, kDapil, where); !st) return st;
      return readKodeDapil(v, out.kodeDapil, where);
    }
    bool handled = false;
    return json::readTpsEnvelope(key, v, seen, out, limits.maxImages, limits.maxStringBytes,
                                 handled);
  });
  if (!s) return s;
  return distinctCaleg(out.caleg, "caleg");
}

//-----------------------------------------------------------------------------
// [SECTION] Dapil recap (hhcd/pdpr)
//-----------------------------------------------------------------------------

namespace {

Status readRecapChart(od::value& v, DapilRecap& out) {
  const Path at{"chart"};
  od::object obj;
  if (Status s = json::getObject(v, obj, at); !s) return s;
  uint32_t seen = 0;
  Status s = json::forEachField(obj, at, [&](std::string_view key, od::value& fv) {
    const Path where{"chart", key};
    VoteCount vc;
    if (json::parseCandidateId(key, vc.candidate)) {
      if (json::isNull(fv)) return Status::success();
      if (Status st = json::readCount(fv, vc.votes, where); !st) return st;
      out.chart.push_back(vc);
      return Status::success();
    }
    if (json::is(key, "persen")) {
      if (Status st = seenOnce(seen, 1, where); !st) return st;
      return json::readPersen(fv, out.chartPersen, out.hasChartPersen, where);
    }
    return Status::success();
  });
  if (!s) return s;
  return json::checkDistinctCandidates(out.chart.data(), out.chart.data() + out.chart.size(), at);
}

/// `table`: {party: {caleg id: N, ..., jml_suara_total: N, jml_suara_partai: N}}.
Status readRecapTable(od::value& v, DapilRecap& out) {
  const Path at{"table"};
  od::object obj;
  if (Status s = json::getObject(v, obj, at); !s) return s;
  Status s = json::forEachField(obj, at, [&](std::string_view key, od::value& fv) {
    PartyTally t;
    if (!json::parseCandidateId(key, t.party)) return badId("table", key, "a party id");
    uint32_t seen = 0;
    Status st = readCalegVotes(fv, "table", key, t.party, out.caleg,
                               [&](std::string_view f, od::value& x, const Path& where) {
                                 bool handled = false;
                                 return readJmlField(f, x, seen, t, where, handled);
                               });
    if (!st) return st;
    if (seen != 3)
      return Status(Error{ErrorCode::Missing, Path{"table", key}.str() +
                                                  ": needs jml_suara_total and jml_suara_partai"});
    out.table.push_back(t);
    return Status::success();
  });
  if (!s) return s;
  return distinctParties(out.table, "table");
}

}  // namespace

Status LegislativeParser::Impl::dapilRecap(od::document& doc, DapilRecap& out) {
  od::object obj;
  if (Status s = json::DocumentInput::beginObject(doc, obj, "a dapil recap object"); !s) return s;
  enum : uint32_t { kChart = 4, kTable = 8, kProgres = 16 };
  uint32_t seen = 0;
  Status s = json::forEachField(obj, Path{}, [&](std::string_view key, od::value& v) {
    const Path where{"", key};
    if (json::is(key, "chart")) {
      if (Status st = seenOnce(seen, kChart, where); !st) return st;
      if (json::isNull(v)) return Status::success();
      return readRecapChart(v, out);
    }
    if (json::is(key, "table")) {
      if (Status st = seenOnce(seen, kTable, where); !st) return st;
      if (json::isNull(v)) return Status::success();
      return readRecapTable(v, out);
    }
    if (json::is(key, "progres")) {
      if (Status st = seenOnce(seen, kProgres, where); !st) return st;
      return json::readProgres(v, out.progressTotal, out.progressReported, out.hasProgress);
    }
    bool handled = false;
    return json::readTsOrMode(key, v, seen, out.ts, out.hasMode, handled);
  });
  if (!s) return s;
  if (!(seen & (kChart | kTable)))
    return Error{ErrorCode::Missing,
                 "chart: missing (a dapil recap has a chart or a table of parties)"};
  return distinctCaleg(out.caleg, "table");
}

//-----------------------------------------------------------------------------
// [SECTION] Lists: parties, caleg, dapil
//-----------------------------------------------------------------------------

namespace {

Status readString(od::value& v, std::string& out, std::size_t max, const Path& where) {
  std::string_view s;
  if (Status st = json::readString(v, s, max, where); !st) return st;
  out = s;
  return Status::success();
}

Status readParty(od::value& v, std::string_view key, Party& p, std::size_t maxString) {
  const Path at{"", key};
  od::object obj;
  if (Status s = json::getObject(v, obj, at, "a party object"); !s) return s;
  uint32_t seen = 0, idPilihan = p.id;
  Status s = json::forEachField(obj, at, [&](std::string_view f, od::value& fv) {
    const Path where{key, f};
    if (json::is(f, "nama")) {
      if (Status st = seenOnce(seen, 1, where); !st) return st;
      return readString(fv, p.nama, maxString, where);
    }
    if (json::is(f, "warna")) {
      if (Status st = seenOnce(seen, 2, where); !st) return st;
      if (Status st = readString(fv, p.warna, 64, where); !st) return st;
      if (!json::parseWarna(p.warna, p.rgb))
        return Status(
            Error{ErrorCode::Type, where.str() + ": '" + p.warna + "' is not a #RRGGBB colour"});
      return Status::success();
    }
    if (json::is(f, "nomor_urut")) {
      if (Status st = seenOnce(seen, 4, where); !st) return st;
      return json::readCount(fv, p.nomorUrut, where);
    }
    if (json::is(f, "nama_lengkap")) {
      if (Status st = seenOnce(seen, 8, where); !st) return st;
      return readString(fv, p.namaLengkap, maxString, where);
    }
    if (json::is(f, "is_aceh")) {
      if (Status st = seenOnce(seen, 16, where); !st) return st;
      return json::readBoolOrNull(fv, p.isAceh, where);
    }
    if (json::is(f, "id_partai")) {
      if (Status st = seenOnce(seen, 32, where); !st) return st;
      return json::readCountOrNull(fv, p.idPartai, where);
    }
    if (json::is(f, "id_pilihan")) {
      if (Status st = seenOnce(seen, 64, where); !st) return st;
      return json::readCount(fv, idPilihan, where);
    }
    return Status::success();
  });
  if (!s) return s;
  if ((seen & 7) != 7)
    return Error{ErrorCode::Missing, at.str() + ": a party needs nama, warna and nomor_urut"};
  if (idPilihan != p.id)
    return Error{ErrorCode::Range,
                 at.str() + ".id_pilihan: " + std::to_string(idPilihan) + " differs from its key"};
  return Status::success();
}

Status readCalegEntry(od::value& v, std::string_view parent, std::string_view key, CalegEntry& c,
                      std::size_t maxString) {
  const Path at{parent, key};
  od::object obj;
  if (Status s = json::getObject(v, obj, at, "a caleg object"); !s) return s;
  uint32_t seen = 0;
  Status s = json::forEachField(obj, at, [&](std::string_view f, od::value& fv) {
    const Path where{parent, key, f};
    if (json::is(f, "nama")) {
      if (Status st = seenOnce(seen, 1, where); !st) return st;
      return readString(fv, c.nama, maxString, where);
    }
    if (json::is(f, "nomor_urut")) {
      if (Status st = seenOnce(seen, 2, where); !st) return st;
      return json::readCount(fv, c.nomorUrut, where);
    }
    if (json::is(f, "jenis_kelamin")) {
      if (Status st = seenOnce(seen, 4, where); !st) return st;
      std::string_view sex;
      if (Status st = json::readString(fv, sex, 8, where); !st) return st;
      if (sex != "L" && sex != "P")
        return Status(
            Error{ErrorCode::Type, where.str() + ": '" + std::string(sex) + "' is not L or P"});
      c.jenisKelamin = sex[0];
      return Status::success();
    }
    if (json::is(f, "tempat_tinggal")) {
      if (Status st = seenOnce(seen, 8, where); !st) return st;
      if (json::isNull(fv)) return Status::success();
      return readString(fv, c.tempatTinggal, maxString, where);
    }
    return Status::success();
  });
  if (!s) return s;
  if ((seen & 3) != 3)
    return Error{ErrorCode::Missing, at.str() + ": a caleg needs nama and nomor_urut"};
  return Status::success();
}

/// {caleg id: {...}} of one party (`parent` names it in errors).
Status readCalegObject(od::object& obj, std::string_view parent, PartyId party, CalegList& out,
                       std::size_t maxString) {
  return json::forEachField(obj, Path{parent}, [&](std::string_view key, od::value& v) {
    CalegEntry c;
    c.party = party;
    if (!json::parseCandidateId(key, c.id)) return badId(parent, key, "a caleg id");
    if (Status st = readCalegEntry(v, parent, key, c, maxString); !st) return st;
    out.caleg.push_back(std::move(c));
    return Status::success();
  });
}

}  // namespace

Status LegislativeParser::Impl::partyList(od::document& doc, PartyList& out) {
  od::object obj;
  if (Status s = json::DocumentInput::beginObject(doc, obj, "an object of parties"); !s) return s;
  Status s = json::forEachField(obj, Path{}, [&](std::string_view key, od::value& v) {
    Party p;
    if (!json::parseCandidateId(key, p.id)) return badId("", key, "a party id");
    if (Status st = readParty(v, key, p, limits.maxStringBytes); !st) return st;
    out.parties.push_back(std::move(p));
    return Status::success();
  });
  if (!s) return s;
  if (out.parties.empty()) return Error{ErrorCode::Missing, "document: no parties"};
  std::vector<CalegTally> ids;  // (party, 0): the same sorted duplicate check as caleg
  for (const Party& p : out.parties) ids.push_back({p.id, 0, 0});
  if (Status d = distinctCaleg(ids, ""); !d) return d;
  std::stable_sort(out.parties.begin(), out.parties.end(),
                   [](const Party& a, const Party& b) { return a.nomorUrut < b.nomorUrut; });
  return Status::success();
}

Status LegislativeParser::Impl::calegList(od::document& doc, CalegList& out, bool byParty) {
  od::object obj;
  if (Status s = json::DocumentInput::beginObject(doc, obj, "an object of caleg"); !s) return s;
  Status s;
  if (byParty) {
    s = json::forEachField(obj, Path{}, [&](std::string_view key, od::value& v) {
      PartyId party = 0;
      if (!json::parseCandidateId(key, party)) return badId("", key, "a party id");
      od::object inner;
      if (Status st = json::getObject(v, inner, Path{"", key}, "an object of caleg"); !st)
        return st;
      return readCalegObject(inner, key, party, out, limits.maxStringBytes);
    });
  } else {
    s = readCalegObject(obj, "", 0, out, limits.maxStringBytes);
  }
  if (!s) return s;
  if (out.caleg.empty()) return Error{ErrorCode::Missing, "document: no caleg"};
  std::vector<CalegTally> ids;
  for (const CalegEntry& c : out.caleg) ids.push_back({c.party, c.id, 0});
  if (Status d = distinctCaleg(ids, "caleg"); !d) return d;
  std::stable_sort(out.caleg.begin(), out.caleg.end(),
                   [](const CalegEntry& a, const CalegEntry& b) {
                     return a.party != b.party ? a.party < b.party : a.nomorUrut < b.nomorUrut;
                   });
  return Status::success();
}

Status LegislativeParser::Impl::dapilList(od::document& doc, DapilList& out) {
  od::json_type t;
  if (auto e = doc.type().get(t)) return json::fromSimdjson(e, Path{});
  if (t != od::json_type::array)
    return Error{ErrorCode::Type,
                 std::string("document: expected an array of dapil, got ") + json::typeName(t)};
  od::array arr;
  if (auto e = doc.get_array().get(arr)) return json::fromSimdjson(e, Path{});
  int i = 0;
  for (auto elem : arr) {
    const std::string at = "[" + std::to_string(i++) + "]";
    if (auto e = elem.error()) return json::fromSimdjson(e, Path{at});
    od::value&& v = std::move(elem).value_unsafe();
    od::object obj;
    if (Status s = json::getObject(v, obj, Path{at}, "a dapil object"); !s) return s;
    DapilEntry d;
    uint32_t seen = 0;
    Status s = json::forEachField(obj, Path{at}, [&](std::string_view f, od::value& fv) {
      const Path where{at, f};
      if (json::is(f, "nama")) {
        if (Status st = seenOnce(seen, 1, where); !st) return st;
        return readString(fv, d.nama, limits.maxStringBytes, where);
      }
      if (json::is(f, "kode")) {
        if (Status st = seenOnce(seen, 2, where); !st) return st;
        return readKodeDapil(fv, d.kode, where);
      }
      if (json::is(f, "id")) {
        if (Status st = seenOnce(seen, 4, where); !st) return st;
        return json::readCountOrNull(fv, d.id, where);
      }
      return Status::success();
    });
    if (!s) return s;
    if ((seen & 3) != 3 || d.kode.empty())
      return Error{ErrorCode::Missing, at + ": a dapil needs nama and kode"};
    out.dapil.push_back(std::move(d));
  }
  std::vector<std::string_view> codes;
  for (const DapilEntry& d : out.dapil) codes.push_back(d.kode);
  std::sort(codes.begin(), codes.end());
  if (auto d = std::adjacent_find(codes.begin(), codes.end()); d != codes.end())
    return Error{ErrorCode::Duplicate, "kode '" + std::string(*d) + "' appears twice"};
  return Status::success();
}

}  // namespace pantau::data
