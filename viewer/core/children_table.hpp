#pragma once
// The tallies table of a region's children: one row per child (7,277 rows for the districts of the
// country at most per region, 514 regencies...), with votes and share per candidate, progress,
// turnout and integrity flags; sortable by any column and filtered by name or code. Pure data:
// the window draws it with a clipper (only visible rows), headless and tests read it directly.

#include <string>
#include <string_view>
#include <vector>

#include "pantau/data/model/snapshot.hpp"

namespace pantau::viewer {

struct ChildRow {
  data::RegionId region = data::kNoRegion;
  std::vector<uint32_t> votes;  ///< per candidate, the snapshot's order
  uint64_t total = 0;
  bool reported = false;        ///< has votes
  double progress = -1;         ///< share of TPS in, 0..1 (-1: unknown)
  double turnout = -1;          ///< 0..1 (-1: no sound administrasi read)
  uint32_t flagged = 0;         ///< TPS with an integrity error (a TPS row: its error count)
  uint32_t warnings = 0;        ///< a TPS row: its warnings
  double share(std::size_t c) const { return total ? static_cast<double>(votes[c]) / static_cast<double>(total) : -1; }
};

/// Columns: name, code, votes per candidate (K), share per candidate (K), progress, turnout, flags.
class ChildrenTable {
 public:
  void build(const data::Snapshot& s, data::RegionId parent);
  std::size_t candidateCount() const { return m_candidates; }
  std::size_t columnCount() const { return 2 + 2 * m_candidates + 3; }
  enum Fixed { kName = 0, kCode = 1 };
  std::size_t votesColumn(std::size_t c) const { return 2 + c; }
  std::size_t shareColumn(std::size_t c) const { return 2 + m_candidates + c; }
  std::size_t progressColumn() const { return 2 + 2 * m_candidates; }
  std::size_t turnoutColumn() const { return progressColumn() + 1; }
  std::size_t flagsColumn() const { return progressColumn() + 2; }

  /// Sorts the visible rows; unknown values (no votes, no turnout) always last.
  void sort(std::size_t column, bool ascending);
  /// Keeps the rows whose name or code contains `text` (case-insensitive); empty: all.
  void filter(std::string_view text);

  const std::vector<ChildRow>& rows() const { return m_rows; }       ///< every child
  const std::vector<std::size_t>& visible() const { return m_visible; }  ///< indexes into rows(), in order
  const ChildRow& visibleRow(std::size_t i) const { return m_rows[m_visible[i]]; }

 private:
  double numeric(const ChildRow& r, std::size_t column) const;  ///< NaN: unknown
  const data::RegionTree* m_tree = nullptr;
  std::size_t m_candidates = 0;
  std::vector<ChildRow> m_rows;
  std::vector<std::size_t> m_visible;
  std::string m_filter;
  std::size_t m_sortColumn = kCode;
  bool m_ascending = true;
};

}  // namespace pantau::viewer
