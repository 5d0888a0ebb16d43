// The DPR reference tables from shared/data: two TSV files and partai.json, checked against each
// other (every caleg in a known dapil and a DPR party, every regency in one dapil).

#include "pantau/data/contests/dpr_tables.hpp"

#include <algorithm>
#include <charconv>

#include "pantau/data/base/file_io.hpp"
#include "pantau/data/contests/legislative_parser.hpp"

namespace pantau::data {

namespace {

std::vector<std::string_view> splitOn(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = line.find(sep, start);
    out.push_back(
        line.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

bool toNumber(std::string_view s, uint32_t& out) {
  auto [p, e] = std::from_chars(s.data(), s.data() + s.size(), out);
  return e == std::errc() && p == s.data() + s.size() && !s.empty();
}

/// Calls f(lineNumber, fields) for every line after the header; stops at the first error.
template <class F>
Status forEachRow(const std::string& text, const std::string& name, std::size_t columns, F&& f) {
  std::size_t lineNo = 0, start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    start = end + 1;
    if (++lineNo == 1 || line.empty()) continue;
    std::vector<std::string_view> fields = splitOn(line, '\t');
    if (fields.size() != columns)
      return Error{ErrorCode::Syntax, name + ":" + std::to_string(lineNo) + ": " +
                                          std::to_string(fields.size()) + " fields, expected " +
                                          std::to_string(columns)};
    if (Status s = f(name + ":" + std::to_string(lineNo), fields); !s) return s;
  }
  return Status::success();
}

Status readDapil(const std::string& text, DprTables& t) {
  return forEachRow(
      text, "dapil_dpr.tsv", 4, [&](const std::string& at, const std::vector<std::string_view>& f) {
        DapilInfo d{std::string(f[0]), std::string(f[1]), 0, {}};
        if (d.kode.size() != 4 || !std::all_of(d.kode.begin(), d.kode.end(), ::isdigit))
          return Status(Error{ErrorCode::BadCode, at + ": '" + d.kode + "' is not a dapil code"});
        if (!toNumber(f[2], d.seats) || d.seats == 0 || d.seats > 100)
          return Status(
              Error{ErrorCode::Range, at + ": seats '" + std::string(f[2]) + "' is not 1..100"});
        for (std::string_view r : splitOn(f[3], ',')) d.regencies.emplace_back(r);
        if (t.findDapil(d.kode))
          return Status(Error{ErrorCode::Duplicate, at + ": dapil " + d.kode + " appears twice"});
        t.dapil.push_back(std::move(d));
        return Status::success();
      });
}

Status readCaleg(const std::string& text, DprTables& t) {
  return forEachRow(
      text, "caleg_dpr.tsv", 7, [&](const std::string& at, const std::vector<std::string_view>& f) {
        CalegEntry c;
        c.dapil = f[1];
        if (!toNumber(f[0], c.id) || !toNumber(f[2], c.party) || !toNumber(f[3], c.nomorUrut))
          return Status(Error{ErrorCode::Type, at + ": id, partai and nomor_urut must be numbers"});
        if (!t.findDapil(c.dapil))
          return Status(
              Error{ErrorCode::Missing, at + ": dapil '" + c.dapil + "' is not in dapil_dpr.tsv"});
        const Party* p = t.parties.find(c.party);
        if (!p || p->isAceh)
          return Status(Error{ErrorCode::Missing, at + ": party '" + std::string(f[2]) +
                                                      "' is not a DPR party of partai.json"});
        if (f[5] != "L" && f[5] != "P")
          return Status(Error{ErrorCode::Type,
                              at + ": jenis_kelamin '" + std::string(f[5]) + "' is not L or P"});
        c.nama = f[4];
        c.jenisKelamin = f[5][0];
        c.tempatTinggal = f[6];
        t.caleg.push_back(std::move(c));
        return Status::success();
      });
}

}  // namespace

const DapilInfo* DprTables::findDapil(std::string_view kode) const {
  for (const DapilInfo& d : dapil)
    if (d.kode == kode) return &d;
  return nullptr;
}

const DapilInfo* DprTables::dapilOfRegency(std::string_view regency) const {
  auto it =
      m_byRegency.find(std::string(regency.starts_with("99") ? std::string_view("99") : regency));
  return it == m_byRegency.end() ? nullptr : &dapil[it->second];
}

Result<DprTables> loadDprTables(const std::filesystem::path& dataDir) {
  const auto dir = dataDir / "kpu2024" / "pileg";
  auto dapilText = readFile(dir / "dapil_dpr.tsv", 1 << 20);
  if (!dapilText) return dapilText.error();
  auto calegText = readFile(dir / "caleg_dpr.tsv", 16 << 20);
  if (!calegText) return calegText.error();
  auto partai = readFile(dir / "partai.json", 1 << 20);
  if (!partai) return partai.error();
  DprTables t;
  LegislativeParser parser;
  if (Status s = parser.parsePartyList(*partai, t.parties); !s)
    return Error{s.error().code, "partai.json: " + s.error().message};
  if (Status s = readDapil(*dapilText, t); !s) return s.error();
  if (Status s = readCaleg(*calegText, t); !s) return s.error();
  for (std::size_t i = 0; i < t.dapil.size(); ++i) {
    t.totalSeats += t.dapil[i].seats;
    for (const std::string& r : t.dapil[i].regencies)
      if (!t.m_byRegency.emplace(r, i).second)
        return Error{ErrorCode::Duplicate, "dapil_dpr.tsv: regency " + r + " is in two dapil"};
  }
  std::stable_sort(t.caleg.begin(), t.caleg.end(), [](const CalegEntry& a, const CalegEntry& b) {
    if (a.dapil != b.dapil) return a.dapil < b.dapil;
    return a.party != b.party ? a.party < b.party : a.nomorUrut < b.nomorUrut;
  });
  return t;
}

}  // namespace pantau::data
