#include "children_table.hpp"

#include <algorithm>
#include <cmath>

#include "pantau/data/integrity/integrity.hpp"

namespace pantau::viewer {

using namespace pantau::data;

namespace {
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool containsNoCase(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return true;
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                     [](char a, char b) { return lower(a) == lower(b); }) != hay.end();
}
}  // namespace

void ChildrenTable::build(const Snapshot& s, RegionId parent) {
  const RegionTree& t = s.tree();
  m_tree = &t;
  m_candidates = s.candidateCount();
  m_rows.clear();
  const IntegrityState* in = s.integrity();
  for (RegionId c : t.children(parent)) {
    ChildRow r;
    r.region = c;
    const RegionStatus& st = s.status(c);
    // A TPS's own document is the truth about it; a region's row in its parent is what the
    // parent's chart was summed from.
    const bool tps = t.level(c) == Level::Tps;
    const auto v = tps && st.has(RegionStatus::kHasOwn) ? s.ownVotes(c) : s.votes(c);
    r.votes.assign(v.begin(), v.end());
    for (uint32_t x : r.votes) r.total += x;
    r.reported = r.total > 0;
    if (tps) {
      r.progress = st.has(RegionStatus::kHasOwn) || st.has(RegionStatus::kHasRow) ? (r.reported ? 1.0 : 0.0) : -1;
      if (const TpsFacts* f = s.tpsFacts(c); f && f->has(TpsFacts::kAdministrasi) && f->adm.pemilihDpt[0])
        r.turnout = static_cast<double>(f->adm.penggunaTotal[0]) / f->adm.pemilihDpt[0];
      if (in)
        for (const Finding& f : in->findingsFor(c)) (f.severity() == Severity::Error ? r.flagged : r.warnings)++;
    } else {
      if (st.has(RegionStatus::kHasRow)) r.progress = st.persen / 100.0;
      if (in) {
        r.turnout = in->turnout(c);
        r.flagged = in->flaggedTps(c);
      }
    }
    m_rows.push_back(std::move(r));
  }
  filter(m_filter);
}

double ChildrenTable::numeric(const ChildRow& r, std::size_t col) const {
  const double nan = std::nan("");
  if (col >= 2 && col < 2 + m_candidates) return r.reported ? r.votes[col - 2] : nan;
  if (col >= 2 + m_candidates && col < 2 + 2 * m_candidates) return r.reported ? r.share(col - 2 - m_candidates) : nan;
  if (col == progressColumn()) return r.progress < 0 ? nan : r.progress;
  if (col == turnoutColumn()) return r.turnout < 0 ? nan : r.turnout;
  if (col == flagsColumn()) return r.flagged + r.warnings / 1000.0;  // errors first, warnings break ties
  return nan;
}

void ChildrenTable::sort(std::size_t column, bool ascending) {
  m_sortColumn = column;
  m_ascending = ascending;
  auto key = [&](std::size_t i) { return &m_rows[i]; };
  std::stable_sort(m_visible.begin(), m_visible.end(), [&](std::size_t a, std::size_t b) {
    const ChildRow& x = *key(a);
    const ChildRow& y = *key(b);
    if (column == kName || column == kCode) {
      const std::string_view sx = column == kName ? m_tree->name(x.region) : m_tree->code(x.region);
      const std::string_view sy = column == kName ? m_tree->name(y.region) : m_tree->code(y.region);
      return ascending ? sx < sy : sy < sx;
    }
    const double vx = numeric(x, column), vy = numeric(y, column);
    if (std::isnan(vx) || std::isnan(vy)) return !std::isnan(vx) && std::isnan(vy);  // unknown last, both ways
    return ascending ? vx < vy : vy < vx;
  });
}

void ChildrenTable::filter(std::string_view text) {
  m_filter = std::string(text);
  m_visible.clear();
  for (std::size_t i = 0; i < m_rows.size(); ++i)
    if (containsNoCase(m_tree->name(m_rows[i].region), m_filter) || containsNoCase(m_tree->code(m_rows[i].region), m_filter))
      m_visible.push_back(i);
  sort(m_sortColumn, m_ascending);
}

}  // namespace pantau::viewer
