#pragma once
/// Search over every region and TPS by name or code, as a person types: an exact code first,
/// then names that start with the text, then names that contain it; case-insensitive; higher
/// levels before lower ones within each kind (a province before a village of the same name).
///
/// The index is one lower-cased copy of all 914k names (~10 MB) scanned with a substring search,
/// which answers in a few milliseconds; no per-keystroke allocation beyond the hits.
/// Threading: immutable after construction; search() is safe from any thread.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/data/model/region_tree.hpp"

namespace pantau::data {

struct SearchHit {
  enum Kind : uint8_t { ExactCode, NamePrefix, NameSubstring };
  RegionId region = kNoRegion;
  Kind kind = NameSubstring;
};

struct SearchResult {
  std::vector<SearchHit> hits;  ///< ranked, at most the limit asked for
  std::size_t total = 0;        ///< every match, for "and N more"
};

class RegionSearch {
 public:
  explicit RegionSearch(std::shared_ptr<const RegionTree> tree);
  /// Up to `limit` hits for `query` (surrounding spaces ignored; empty: no hits).
  SearchResult search(std::string_view query, std::size_t limit = 50) const;

 private:
  std::shared_ptr<const RegionTree> m_tree;
  std::string m_lower;             ///< every name lower-cased, each followed by '\n'
  std::vector<uint32_t> m_begin;   ///< size()+1 offsets of each region's name in m_lower
};

}  // namespace pantau::data
