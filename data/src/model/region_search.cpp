#include "pantau/data/model/region_search.hpp"

#include <algorithm>

namespace pantau::data {

namespace {
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
}  // namespace

RegionSearch::RegionSearch(std::shared_ptr<const RegionTree> tree) : m_tree(std::move(tree)) {
  const RegionTree& t = *m_tree;
  m_begin.reserve(t.size() + 1);
  std::size_t bytes = 0;
  for (RegionId id = 0; id < t.size(); ++id) bytes += t.name(id).size() + 1;
  m_lower.reserve(bytes);
  for (RegionId id = 0; id < t.size(); ++id) {
    m_begin.push_back(static_cast<uint32_t>(m_lower.size()));
    for (char c : t.name(id)) m_lower += c == '\n' ? ' ' : lower(c);
    m_lower += '\n';
  }
  m_begin.push_back(static_cast<uint32_t>(m_lower.size()));
}

SearchResult RegionSearch::search(std::string_view query, std::size_t limit) const {
  SearchResult r;
  while (!query.empty() && query.front() == ' ') query.remove_prefix(1);
  while (!query.empty() && query.back() == ' ') query.remove_suffix(1);
  if (query.empty() || query.size() > 200) return r;
  const RegionTree& t = *m_tree;

  std::string code(query);
  for (char& c : code) c = upper(c);
  const RegionId exact = isValidCode(code) ? t.find(code) : kNoRegion;
  if (exact != kNoRegion) {
    r.hits.push_back({exact, SearchHit::ExactCode});
    r.total = 1;
  }

  std::string needle(query);
  for (char& c : needle) c = lower(c);
  std::vector<SearchHit> prefix, substring;
  RegionId id = 0;  // the scan moves forward only: the region owning a match is found by walking
  for (std::size_t pos = m_lower.find(needle); pos != std::string::npos; pos = m_lower.find(needle, pos + 1)) {
    if (pos >= m_begin[id + 1])  // jump ahead: most of the buffer holds no match
      id = static_cast<RegionId>(std::upper_bound(m_begin.begin() + id, m_begin.end(), static_cast<uint32_t>(pos)) - m_begin.begin() - 1);
    if (id == exact) continue;
    ++r.total;
    const bool atStart = pos == m_begin[id];
    auto& list = atStart ? prefix : substring;
    if (list.size() < limit) list.push_back({id, atStart ? SearchHit::NamePrefix : SearchHit::NameSubstring});
    pos = m_begin[id + 1] - 1;  // one hit per region: go on from its end
  }
  for (auto* list : {&prefix, &substring})
    for (const SearchHit& h : *list)
      if (r.hits.size() < limit) r.hits.push_back(h);
  return r;
}

}  // namespace pantau::data
