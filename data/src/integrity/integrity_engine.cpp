// The incremental driver: re-checks the chunks a new snapshot changed, keeps time findings, and
// counts flagged TPS up the tree for the integrity map layer.

#include <algorithm>

#include "pantau/data/integrity/integrity.hpp"

namespace pantau::data {

std::span<const Finding> IntegrityState::findingsFor(RegionId id) const {
  auto lo = std::lower_bound(m_findings.begin(), m_findings.end(), id,
                             [](const Finding& f, RegionId r) { return f.region < r; });
  auto hi = std::upper_bound(lo, m_findings.end(), id, [](RegionId r, const Finding& f) { return r < f.region; });
  return {m_findings.data() + (lo - m_findings.begin()), static_cast<std::size_t>(hi - lo)};
}

namespace {

/// A re-vote or late count may legitimately change or lower a figure.
bool isRevote(Psu p) { return p != Psu::Absent && p != Psu::Reguler && p != Psu::Other; }

/// Time checks: what moved between the last snapshot and this one.
void compareInTime(RegionId id, std::span<const uint32_t> was, std::span<const uint32_t> now, Psu psu,
                   bool wasComplete, std::vector<Finding>& out) {
  if (isRevote(psu)) return;
  bool decreased = false;
  for (std::size_t c = 0; c < now.size(); ++c)
    if (now[c] < was[c]) {
      out.push_back(Finding{id, CheckId::CountDecreased, static_cast<uint8_t>(c), was[c], now[c]});
      decreased = true;
    }
  if (decreased || !wasComplete) return;
  for (std::size_t c = 0; c < now.size(); ++c)
    if (now[c] != was[c]) out.push_back(Finding{id, CheckId::CompleteChanged, static_cast<uint8_t>(c), was[c], now[c]});
}

}  // namespace

void IntegrityEngine::setTpsCounts(const RegionTree& t, RegionId tps, uint8_t bits, uint32_t dpt, uint32_t voters) {
  TpsCounts& old = m_tpsCounts[tps - t.levelBegin(Level::Tps)];
  if (old.bits == bits && old.dpt == dpt && old.voters == voters) return;
  const int dc = (bits & 1) - (old.bits & 1), df = ((bits >> 1) & 1) - ((old.bits >> 1) & 1);
  const int64_t dd = int64_t{dpt} - old.dpt, dv = int64_t{voters} - old.voters;
  old = {bits, dpt, voters};
  for (RegionId p = t.parent(tps); p != kNoRegion; p = t.parent(p)) {
    m_checked[p] += static_cast<uint32_t>(dc);
    m_flagged[p] += static_cast<uint32_t>(df);
    m_dpt[p] += static_cast<uint64_t>(dd);
    m_voters[p] += static_cast<uint64_t>(dv);
  }
}

void IntegrityEngine::checkChunk(const Snapshot* before, const Snapshot& after, std::size_t chunk) {
  const RegionTree& t = after.tree();
  std::vector<Finding>& out = m_byChunk[chunk];
  out.clear();
  const RegionId begin = static_cast<RegionId>(chunk * kChunkRegions);
  const RegionId end = static_cast<RegionId>(std::min<std::size_t>(t.size(), (chunk + 1) * kChunkRegions));
  const std::size_t k = after.candidateCount();
  std::vector<uint64_t> sums(k);
  for (RegionId id = begin; id < end; ++id) {
    const std::size_t first = out.size();
    m_scratch.clear();
    const RegionStatus& st = after.status(id);
    const RegionId parent = t.parent(id);
    // A row against the child's own document, when the parent was made from it: an aggregate
    // made in the same regeneration (same ts), or a village table made after the TPS's update.
    if (parent != kNoRegion && st.has(RegionStatus::kReported) && st.has(RegionStatus::kHasOwn)) {
      const int64_t parentTs = after.status(parent).sourceTs;
      const bool tps = t.level(id) == Level::Tps;
      const TpsFacts* f = tps ? after.tpsFacts(id) : nullptr;
      if ((tps && f && f->has(TpsFacts::kChart) && parentTs >= st.sourceTs) || (!tps && parentTs == st.sourceTs)) {
        auto row = after.votes(id), own = after.ownVotes(id);
        for (std::size_t c = 0; c < k; ++c)
          if (row[c] != own[c]) out.push_back(Finding{id, CheckId::RowVsOwn, static_cast<uint8_t>(c), row[c], own[c]});
      }
    }

    if (t.level(id) == Level::Tps) {
      const TpsFacts* f = after.tpsFacts(id);
      if (!f) {
        setTpsCounts(t, id, 0, 0, 0);
        continue;
      }
      checkTps(id, *f, after.ownVotes(id), capExempt(t.code(id)), out);
      if (before)
        if (const TpsFacts* was = before->tpsFacts(id))
          compareInTime(id, before->ownVotes(id), after.ownVotes(id), f->psu, was->complete(), m_scratch);
    } else if (st.has(RegionStatus::kHasOwn)) {
      // The chart against the sum of the table it came with.
      std::fill(sums.begin(), sums.end(), 0);
      bool anyRow = false;
      for (RegionId c : t.children(id)) {
        if (!after.status(c).has(RegionStatus::kHasRow)) continue;
        anyRow = true;
        auto v = after.votes(c);
        for (std::size_t i = 0; i < k; ++i) sums[i] += v[i];
      }
      auto own = after.ownVotes(id);
      if (anyRow)
        for (std::size_t i = 0; i < k; ++i)
          if (sums[i] != own[i])
            out.push_back(Finding{id, CheckId::ChartSumTable, static_cast<uint8_t>(i), static_cast<int64_t>(sums[i]), own[i]});
      if (before && before->status(id).has(RegionStatus::kHasOwn))
        compareInTime(id, before->ownVotes(id), own, st.psu, false, m_scratch);
    }
    if (!m_scratch.empty()) {
      auto& h = m_history[id];
      h.insert(h.end(), m_scratch.begin(), m_scratch.end());
      constexpr std::size_t kKept = 8;  // the latest movements are what a person acts on
      if (h.size() > kKept) h.erase(h.begin(), h.end() - kKept);
    }
    if (t.level(id) == Level::Tps) {
      const TpsFacts* f = after.tpsFacts(id);
      bool flagged = false;
      for (std::size_t i = first; i < out.size(); ++i) flagged |= out[i].severity() == Severity::Error;
      if (auto h = m_history.find(id); h != m_history.end())
        for (const Finding& x : h->second) flagged |= x.severity() == Severity::Error;
      // Turnout counts a TPS whose administrasi is filled in and sound.
      const bool sound = !flagged && f->has(TpsFacts::kAdministrasi) && f->adm.pemilihDpt[0] > 0 && f->adm.penggunaTotal[0] > 0;
      setTpsCounts(t, id, static_cast<uint8_t>((f->has(TpsFacts::kChart) ? 1 : 0) | (flagged ? 2 : 0)),
                   sound ? f->adm.pemilihDpt[0] : 0, sound ? f->adm.penggunaTotal[0] : 0);
    }
  }
}

std::shared_ptr<const IntegrityState> IntegrityEngine::update(const Snapshot* before, const Snapshot& after) {
  const RegionTree& t = after.tree();
  if (m_byChunk.size() != after.chunkCount()) {  // first run: size everything for this tree
    m_byChunk.assign(after.chunkCount(), {});
    m_tpsCounts.assign(t.levelEnd(Level::Tps) - t.levelBegin(Level::Tps), {});
    m_checked.assign(t.levelBegin(Level::Tps), 0);
    m_flagged.assign(t.levelBegin(Level::Tps), 0);
    m_dpt.assign(t.levelBegin(Level::Tps), 0);
    m_voters.assign(t.levelBegin(Level::Tps), 0);
    m_history.clear();
    before = nullptr;
  }
  for (std::size_t c = 0; c < after.chunkCount(); ++c)
    if (!before || !after.sharesChunkWith(*before, static_cast<RegionId>(c * kChunkRegions))) checkChunk(before, after, c);

  auto s = std::make_shared<IntegrityState>();
  std::size_t n = 0;
  for (const auto& v : m_byChunk) n += v.size();
  for (const auto& [id, h] : m_history) n += h.size();
  s->m_findings.reserve(n);
  for (const auto& v : m_byChunk) s->m_findings.insert(s->m_findings.end(), v.begin(), v.end());
  if (!m_history.empty()) {
    const auto mid = s->m_findings.size();
    for (const auto& [id, h] : m_history) s->m_findings.insert(s->m_findings.end(), h.begin(), h.end());
    std::sort(s->m_findings.begin() + static_cast<std::ptrdiff_t>(mid), s->m_findings.end(),
              [](const Finding& x, const Finding& y) { return x.region < y.region; });
    std::inplace_merge(s->m_findings.begin(), s->m_findings.begin() + static_cast<std::ptrdiff_t>(mid),
                       s->m_findings.end(), [](const Finding& x, const Finding& y) { return x.region < y.region; });
  }
  s->m_checked = m_checked;
  s->m_flagged = m_flagged;
  s->m_dpt = m_dpt;
  s->m_voters = m_voters;

  // Per check, and the worst TPS: errors weigh more than any number of warnings.
  struct Score {
    RegionId id;
    uint32_t errors, warnings;
  };
  std::vector<Score> scores;
  for (const Finding& f : s->m_findings) {
    s->m_perCheck[static_cast<std::size_t>(f.check)]++;
    if (t.level(f.region) != Level::Tps) continue;
    if (scores.empty() || scores.back().id != f.region) scores.push_back({f.region, 0, 0});
    (f.severity() == Severity::Error ? scores.back().errors : scores.back().warnings)++;
  }
  auto worse = [](const Score& x, const Score& y) {
    if (x.errors != y.errors) return x.errors > y.errors;
    if (x.warnings != y.warnings) return x.warnings > y.warnings;
    return x.id < y.id;
  };
  const std::size_t keep = std::min(scores.size(), IntegrityState::kWorstListed);
  std::partial_sort(scores.begin(), scores.begin() + static_cast<std::ptrdiff_t>(keep), scores.end(), worse);
  for (std::size_t i = 0; i < keep; ++i) s->m_worst.push_back(scores[i].id);
  return s;
}

}  // namespace pantau::data
