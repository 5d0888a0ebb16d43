#include "pantau/data/model/region_tree.hpp"

#include "model/region_hash.hpp"

namespace pantau::data {

const char* levelName(Level level) {
  switch (level) {
    case Level::Nation: return "nation";
    case Level::Province: return "province";
    case Level::Regency: return "regency";
    case Level::District: return "district";
    case Level::Village: return "village";
    case Level::Tps: return "tps";
  }
  return "?";
}

RegionId RegionTree::find(std::string_view code) const {
  if (code.empty()) return size() > 0 ? kNation : kNoRegion;
  if (code.size() > kMaxCodeLength || m_slots.empty()) return kNoRegion;
  const std::size_t mask = m_slots.size() - 1;
  for (std::size_t i = hashCode(code) & mask;; i = (i + 1) & mask) {
    RegionId id = m_slots[i];
    if (id == kNoRegion) return kNoRegion;
    if (this->code(id) == code) return id;
  }
}

std::string RegionTree::path(RegionId id) const {
  std::string out;
  for (RegionId r = id; r != kNation && r != kNoRegion; r = parent(r)) {
    if (!out.empty()) out += ", ";
    out += name(r);
  }
  return out;
}

RegionTree::LevelCounts RegionTree::countByLevel() const {
  LevelCounts c;
  for (RegionId id = 0; id < size(); ++id) {
    int l = m_level[id];
    (isOverseas(id) ? c.overseas : c.domestic)[l]++;
  }
  return c;
}

std::size_t RegionTree::memoryBytes() const {
  return m_level.capacity() + m_parent.capacity() * sizeof(RegionId) +
         m_childBegin.capacity() * 4 + m_children.capacity() * sizeof(RegionId) +
         m_codes.capacity() + m_nameBegin.capacity() * 4 + m_names.capacity() +
         m_kpuId.capacity() * 4 + m_slots.capacity() * sizeof(RegionId);
}

}  // namespace pantau::data
