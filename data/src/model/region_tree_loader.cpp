// Loads KPU's region tree from the two TSV files in shared/data/kpu2024 (see its README):
//   wilayah.tsv: kode, induk, tingkat (1-4), nama, id
//   tps.tsv:     kode, induk (village), nama, id
// Ids are assigned level by level in file order, so each level is one contiguous id range.
// Memory: the 35 MB tps.tsv is parsed in place and streamed into the tree, never held as rows.

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <iterator>

#include "pantau/data/base/file_io.hpp"
#include "pantau/data/model/region_tree.hpp"
#include "pantau/data/model/tree_scope.hpp"
#include "model/region_hash.hpp"
#include "model/region_tree_pack.hpp"
#include "pantau/data/base/data_location.hpp"

namespace pantau::data {

class RegionTreeBuilder {
 public:
  explicit RegionTreeBuilder(std::size_t expected) : m_tree(std::make_shared<RegionTree>()) {
    RegionTree& t = *m_tree;
    t.m_level.reserve(expected);
    t.m_parent.reserve(expected);
    t.m_codes.reserve(expected * kMaxCodeLength);
    t.m_nameBegin.reserve(expected + 1);
    t.m_names.reserve(expected * 12);
    t.m_kpuId.reserve(expected);
    std::size_t slots = 1024;
    while (slots < expected * 2) slots *= 2;
    t.m_slots.assign(slots, kNoRegion);
    t.m_nameBegin.push_back(0);
    add(Level::Nation, kNoRegion, "", "INDONESIA", 0);
  }

  RegionId find(std::string_view code) const { return m_tree->find(code); }
  Level level(RegionId id) const { return m_tree->level(id); }

  /// Adds a region; returns kNoRegion (and adds nothing) when the code is already taken. The
  /// duplicate check rides on the insertion's own probe: one hash walk per region.
  RegionId add(Level level, RegionId parent, std::string_view code, std::string_view name,
               uint32_t kpuId) {
    RegionTree& t = *m_tree;
    RegionId id = static_cast<RegionId>(t.m_level.size());
    std::size_t slot = 0;
    if (!code.empty()) {
      const std::size_t mask = t.m_slots.size() - 1;
      for (slot = hashCode(code) & mask; t.m_slots[slot] != kNoRegion; slot = (slot + 1) & mask)
        if (t.code(t.m_slots[slot]) == code) return kNoRegion;
    }
    t.m_level.push_back(static_cast<uint8_t>(level));
    t.m_parent.push_back(parent);
    std::size_t at = t.m_codes.size();
    t.m_codes.resize(at + kMaxCodeLength, '\0');
    std::memcpy(t.m_codes.data() + at, code.data(), code.size());
    t.m_names.append(name);
    t.m_nameBegin.push_back(static_cast<uint32_t>(t.m_names.size()));
    t.m_kpuId.push_back(kpuId);
    if (!code.empty()) t.m_slots[slot] = id;
    return id;
  }

  void beginLevel(Level level) {
    m_tree->m_levelBegin[static_cast<int>(level)] = static_cast<RegionId>(m_tree->size());
  }

  std::shared_ptr<const RegionTree> finish() {
    RegionTree& t = *m_tree;
    const std::size_t n = t.size();
    t.m_levelBegin[kLevelCount] = static_cast<RegionId>(n);
    for (int l = kLevelCount - 1; l > 0; --l)  // an empty level begins where the next one does
      if (t.m_levelBegin[l] == 0) t.m_levelBegin[l] = t.m_levelBegin[l + 1];
    // Children as CSR: count, prefix-sum, fill in id order (which keeps file order).
    t.m_childBegin.assign(n + 1, 0);
    for (RegionId id = 1; id < n; ++id) t.m_childBegin[t.m_parent[id] + 1]++;
    for (std::size_t i = 0; i < n; ++i) t.m_childBegin[i + 1] += t.m_childBegin[i];
    t.m_children.resize(n > 0 ? n - 1 : 0);
    std::vector<uint32_t> fill(t.m_childBegin.begin(), t.m_childBegin.end() - 1);
    for (RegionId id = 1; id < n; ++id) t.m_children[fill[t.m_parent[id]]++] = id;
    t.m_level.shrink_to_fit();
    t.m_parent.shrink_to_fit();
    t.m_codes.shrink_to_fit();
    t.m_names.shrink_to_fit();
    t.m_nameBegin.shrink_to_fit();
    t.m_kpuId.shrink_to_fit();
    return std::move(m_tree);
  }

  /// treeWithoutTps (tree_scope.hpp): the arrays cut where the TPS begin, the code hash rebuilt.
  static std::shared_ptr<const RegionTree> withoutTps(const RegionTree& full) {
    auto out = std::make_shared<RegionTree>();
    RegionTree& t = *out;
    const RegionId n = full.levelBegin(Level::Tps);
    t.m_level.assign(full.m_level.begin(), full.m_level.begin() + n);
    t.m_parent.assign(full.m_parent.begin(), full.m_parent.begin() + n);
    // Children are stored by parent id and every TPS's parent is a village, the last level
    // before them: the first n - 1 children are the regions kept, and a village's range ends there.
    const uint32_t keptChildren = n > 0 ? n - 1 : 0;
    t.m_childBegin.assign(full.m_childBegin.begin(), full.m_childBegin.begin() + n + 1);
    for (uint32_t& c : t.m_childBegin) c = std::min(c, keptChildren);
    t.m_children.assign(full.m_children.begin(), full.m_children.begin() + keptChildren);
    t.m_codes.assign(full.m_codes.begin(), full.m_codes.begin() + std::size_t(n) * kMaxCodeLength);
    t.m_nameBegin.assign(full.m_nameBegin.begin(), full.m_nameBegin.begin() + n + 1);
    t.m_names.assign(full.m_names, 0, full.m_nameBegin[n]);
    t.m_kpuId.assign(full.m_kpuId.begin(), full.m_kpuId.begin() + n);
    std::copy(std::begin(full.m_levelBegin), std::end(full.m_levelBegin), t.m_levelBegin);
    t.m_levelBegin[static_cast<int>(Level::Tps)] = t.m_levelBegin[kLevelCount] = n;
    std::size_t slots = 1024;  // sized as the constructor sizes it: at most half full
    while (slots < std::size_t(n) * 2) slots *= 2;
    t.m_slots.assign(slots, kNoRegion);
    for (RegionId id = 1; id < n; ++id) {  // the nation (id 0, code "") is not hashed
      std::size_t i = hashCode(t.code(id)) & (slots - 1);
      while (t.m_slots[i] != kNoRegion) i = (i + 1) & (slots - 1);
      t.m_slots[i] = id;
    }
    return out;
  }

 private:
  std::shared_ptr<RegionTree> m_tree;
};

std::shared_ptr<const RegionTree> treeWithoutTps(const RegionTree& full) {
  return RegionTreeBuilder::withoutTps(full);
}

namespace {

constexpr std::size_t kMaxTsvBytes = 256u << 20;  // the real tps.tsv is 35 MB
constexpr std::size_t kMaxFields = 8;

struct Line {
  std::string_view fields[kMaxFields];
  std::size_t count = 0;
};

/// Splits one line (without its newline) on tabs; a trailing '\r' is dropped. Returns false if the
/// line has more fields than any of our files.
bool splitLine(std::string_view line, Line& out) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  out.count = 0;
  for (;;) {
    std::size_t tab = line.find('\t');
    if (out.count == kMaxFields) return false;
    out.fields[out.count++] = line.substr(0, tab);
    if (tab == std::string_view::npos) return true;
    line.remove_prefix(tab + 1);
  }
}

/// Iterates over the lines of a text, numbering them from 1.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : m_rest(text) {}
  bool next(std::string_view& line) {
    if (m_rest.empty()) return false;
    std::size_t nl = m_rest.find('\n');
    line = m_rest.substr(0, nl);
    m_rest.remove_prefix(nl == std::string_view::npos ? m_rest.size() : nl + 1);
    ++m_number;
    return true;
  }
  std::size_t number() const { return m_number; }

 private:
  std::string_view m_rest;
  std::size_t m_number = 0;
};

std::string quoted(std::string_view s) {
  std::string out = "'";
  for (char c : s.substr(0, 40)) out += (static_cast<unsigned char>(c) < 0x20) ? '?' : c;
  if (s.size() > 40) out += "...";
  return out + "'";
}

bool parseU32(std::string_view s, uint32_t& v) {
  if (s.empty() || s.size() > 10) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size();
}

/// Checks a name: present, valid UTF-8, no control characters. Returns the reason or nullptr.
const char* badName(std::string_view name) {
  if (name.empty()) return "nama is empty";
  if (name.size() > 200) return "nama is longer than 200 bytes";
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f) return "nama has a control character";
  if (!simdjson::validate_utf8(name.data(), name.size())) return "nama is not valid UTF-8";
  return nullptr;
}

/// Checks the fields every row has. Returns the reason or an empty string.
std::string checkCommon(std::string_view kode, std::string_view nama, std::string_view id,
                        uint32_t& kpuId) {
  if (!isValidCode(kode)) return "kode " + quoted(kode) + " is not a region code ([0-9A-Z], 2/4/6/10/13 chars)";
  if (const char* why = badName(nama)) return why;
  if (!parseU32(id, kpuId)) return "id " + quoted(id) + " is not a number below 2^32";
  return {};
}

struct WilayahRow {
  std::string_view kode, induk, nama;
  uint32_t kpuId;
  uint32_t line;
  Level level;
};

Status checkHeader(std::string_view text, std::string_view expected, std::string_view file) {
  std::string_view first = text.substr(0, text.find('\n'));
  if (!first.empty() && first.back() == '\r') first.remove_suffix(1);
  if (first != expected)
    return Error{ErrorCode::Syntax, std::string(file) + ":1: header is " + quoted(first) +
                                        ", expected '" + std::string(expected) + "' (tab-separated)"};
  return Status::success();
}

}  // namespace

Result<TreeLoad> loadRegionTreeFromText(std::string_view wilayahTsv, std::string_view tpsTsv,
                                        std::string_view wilayahName, std::string_view tpsName) {
  if (Status s = checkHeader(wilayahTsv, "kode\tinduk\ttingkat\tnama\tid", wilayahName); !s)
    return s.error();
  if (Status s = checkHeader(tpsTsv, "kode\tinduk\tnama\tid", tpsName); !s) return s.error();

  TreeLoad out;
  auto reject = [&](std::string_view file, std::size_t line, std::string reason) {
    out.rejected.push_back({std::string(file), line, std::move(reason)});
  };

  // wilayah.tsv: small (92k rows), so rows are gathered and inserted level by level.
  std::vector<WilayahRow> rows;
  rows.reserve(static_cast<std::size_t>(std::count(wilayahTsv.begin(), wilayahTsv.end(), '\n')));
  LineReader wr(wilayahTsv);
  std::string_view text;
  Line line;
  wr.next(text);  // header
  while (wr.next(text)) {
    if (text.empty() || text == "\r") continue;
    if (!splitLine(text, line) || line.count != 5) {
      reject(wilayahName, wr.number(), "expected 5 tab-separated fields (kode, induk, tingkat, nama, id), got " +
                                           std::to_string(line.count));
      continue;
    }
    WilayahRow row{line.fields[0], line.fields[1], line.fields[3], 0, static_cast<uint32_t>(wr.number()), Level::Nation};
    if (std::string why = checkCommon(row.kode, row.nama, line.fields[4], row.kpuId); !why.empty()) {
      reject(wilayahName, wr.number(), why);
      continue;
    }
    std::string_view tingkat = line.fields[2];
    if (tingkat.size() != 1 || tingkat[0] < '1' || tingkat[0] > '4') {
      reject(wilayahName, wr.number(), "tingkat " + quoted(tingkat) + " is not 1..4");
      continue;
    }
    row.level = static_cast<Level>(tingkat[0] - '0');
    if (row.kode.size() != codeLength(row.level)) {
      reject(wilayahName, wr.number(), "kode " + quoted(row.kode) + " has " + std::to_string(row.kode.size()) +
                                           " chars, tingkat " + std::string(tingkat) + " needs " +
                                           std::to_string(codeLength(row.level)));
      continue;
    }
    rows.push_back(row);
  }

  const std::size_t tpsLines = static_cast<std::size_t>(std::count(tpsTsv.begin(), tpsTsv.end(), '\n'));
  RegionTreeBuilder builder(1 + rows.size() + tpsLines + 1);
  builder.beginLevel(Level::Nation);

  for (int l = 1; l <= 4; ++l) {
    const Level level = static_cast<Level>(l);
    builder.beginLevel(level);
    for (const WilayahRow& row : rows) {
      if (row.level != level) continue;
      RegionId parent = kNation;
      if (level == Level::Province) {
        if (!row.induk.empty()) {
          reject(wilayahName, row.line, "province " + quoted(row.kode) + " has induk " + quoted(row.induk) + ", expected none");
          continue;
        }
      } else {
        parent = builder.find(row.induk);
        if (parent == kNoRegion || builder.level(parent) != static_cast<Level>(l - 1)) {
          reject(wilayahName, row.line, "induk " + quoted(row.induk) + " of " + quoted(row.kode) + " is not a known " +
                                            levelName(static_cast<Level>(l - 1)));
          continue;
        }
        if (!isChildCode(row.induk, row.kode)) {
          reject(wilayahName, row.line, "kode " + quoted(row.kode) + " does not extend its induk " + quoted(row.induk));
          continue;
        }
      }
      if (builder.add(level, parent, row.kode, row.nama, row.kpuId) == kNoRegion)
        reject(wilayahName, row.line, "duplicate kode " + quoted(row.kode));
    }
  }

  // tps.tsv: 822k rows, streamed straight into the tree.
  builder.beginLevel(Level::Tps);
  std::string_view lastInduk;
  RegionId lastParent = kNoRegion;
  LineReader tr(tpsTsv);
  tr.next(text);  // header
  while (tr.next(text)) {
    if (text.empty() || text == "\r") continue;
    if (!splitLine(text, line) || line.count != 4) {
      reject(tpsName, tr.number(), "expected 4 tab-separated fields (kode, induk, nama, id), got " + std::to_string(line.count));
      continue;
    }
    std::string_view kode = line.fields[0], induk = line.fields[1], nama = line.fields[2];
    uint32_t kpuId = 0;
    if (std::string why = checkCommon(kode, nama, line.fields[3], kpuId); !why.empty()) {
      reject(tpsName, tr.number(), why);
      continue;
    }
    if (kode.size() != codeLength(Level::Tps)) {
      reject(tpsName, tr.number(), "kode " + quoted(kode) + " has " + std::to_string(kode.size()) + " chars, a TPS needs 13");
      continue;
    }
    // TPS rows come grouped by village: remember the last village instead of hashing every row.
    if (induk != lastInduk) {
      lastInduk = induk;
      lastParent = builder.find(induk);
    }
    const RegionId parent = lastParent;
    if (parent == kNoRegion || builder.level(parent) != Level::Village) {
      reject(tpsName, tr.number(), "induk " + quoted(induk) + " of " + quoted(kode) + " is not a known village");
      continue;
    }
    if (!isChildCode(induk, kode)) {
      reject(tpsName, tr.number(), "kode " + quoted(kode) + " does not extend its induk " + quoted(induk));
      continue;
    }
    if (builder.add(Level::Tps, parent, kode, nama, kpuId) == kNoRegion)
      reject(tpsName, tr.number(), "duplicate kode " + quoted(kode));
  }

  out.tree = builder.finish();
  return out;
}

Result<TreeLoad> loadRegionTree(const std::filesystem::path& dataDir) {
  return loadRegionTree(dataDir, TreeScope::Full);
}

Result<TreeLoad> loadRegionTree(const std::filesystem::path& dataDir, TreeScope scope) {
  const auto dir = dataDir / "kpu2024";
  return loadRegionTreePacked(dir / "wilayah.tsv", dir / "tps.tsv", defaultCacheDir(), scope, [&]() -> Result<TreeLoad> {
    auto wilayah = readFile(dir / "wilayah.tsv", kMaxTsvBytes);
    if (!wilayah) return wilayah.error();
    auto tps = readFile(dir / "tps.tsv", kMaxTsvBytes);
    if (!tps) return tps.error();
    return loadRegionTreeFromText(*wilayah, *tps, (dir / "wilayah.tsv").string(), (dir / "tps.tsv").string());
  });
}

}  // namespace pantau::data
