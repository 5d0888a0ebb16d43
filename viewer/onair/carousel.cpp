#include "carousel.hpp"

#include <algorithm>

namespace pantau::viewer::onair {

Carousel::Carousel(std::vector<RundownItem> items, bool loop)
    : m_items(std::move(items)), m_loop(loop) {
  m_nation.name = "nasional";
  m_nation.seconds = 0;
}

void Carousel::start(int64_t nowMs) {
  m_loops = 0;
  m_ended = false;
  goTo(0, nowMs);
}

const RundownItem& Carousel::onAir() const {
  if (m_special) return *m_special;
  return m_items.empty() ? m_nation : m_items[static_cast<std::size_t>(m_index)];
}

int64_t Carousel::durationMs() const {
  if (m_special) return m_specialMs;
  return static_cast<int64_t>(onAir().seconds * 1000.0 + 0.5);
}

int64_t Carousel::elapsedMs(int64_t nowMs) const {
  return m_playedMs + (m_held ? 0 : nowMs - m_startMs);
}

bool Carousel::playing() const {
  return !m_held && !m_ended && durationMs() > 0;
}

int Carousel::following() const {
  const int n = static_cast<int>(m_items.size());
  if (n == 0) return -1;
  if (m_index + 1 < n) return m_index + 1;
  return m_loop ? 0 : -1;
}

int Carousel::nextIndex() const {
  return m_cued ? *m_cued : following();
}

void Carousel::goTo(int index, int64_t nowMs) {
  if (index == 0 && m_index == static_cast<int>(m_items.size()) - 1 && m_version > 0 && onLoop) {
    // Wrapped: the tours follow the data from here on.
    if (auto fresh = onLoop(); !fresh.empty()) m_items = std::move(fresh);
    ++m_loops;
  }
  m_index = std::clamp(index, 0, std::max(0, static_cast<int>(m_items.size()) - 1));
  m_special.reset();
  m_cued.reset();
  m_ended = false;
  m_startMs = nowMs;
  m_playedMs = 0;
  ++m_version;
}

bool Carousel::tick(int64_t nowMs) {
  const uint64_t before = m_version;
  // A clock that jumped far crosses several items: follow each (bounded by one lap).
  for (std::size_t steps = 0;
       steps <= m_items.size() && playing() && elapsedMs(nowMs) >= durationMs(); ++steps) {
    const int64_t overshoot = elapsedMs(nowMs) - durationMs();
    if (m_special) {  // a timed ad-hoc or breaking item returns to the one it interrupted
      goTo(m_index, nowMs - overshoot);
      continue;
    }
    const int n = nextIndex();
    if (n < 0) {
      m_ended = true;  // the last item stays on air
      ++m_version;
      break;
    }
    goTo(n, nowMs - overshoot);
  }
  return m_version != before;
}

void Carousel::next(int64_t nowMs) {
  if (m_special) return goTo(m_cued ? *m_cued : (following() < 0 ? m_index : following()), nowMs);
  const int n = nextIndex();
  goTo(n < 0 ? m_index : n, nowMs);
}

void Carousel::prev(int64_t nowMs) {
  if (m_special) return goTo(m_index, nowMs);
  const int n = static_cast<int>(m_items.size());
  goTo(m_index > 0 ? m_index - 1 : (m_loop && n > 0 ? n - 1 : 0), nowMs);
}

void Carousel::take(int64_t nowMs) {
  next(nowMs);
}

bool Carousel::cue(int index) {
  if (index < 0 || index >= static_cast<int>(m_items.size())) return false;
  m_cued = index;
  return true;
}

void Carousel::hold(int64_t nowMs) {
  if (m_held) return;
  m_playedMs = elapsedMs(nowMs);
  m_held = true;
}

void Carousel::resume(int64_t nowMs) {
  if (!m_held) return;
  m_held = false;
  m_startMs = nowMs;
}

void Carousel::show(RundownItem item, int64_t nowMs) {
  m_specialMs = static_cast<int64_t>(item.seconds * 1000.0 + 0.5);
  m_special = std::move(item);
  m_specialIsBreaking = false;
  m_ended = false;
  m_startMs = nowMs;
  m_playedMs = 0;
  ++m_version;
}

bool Carousel::breaking(RundownItem item, int64_t holdMs, int64_t nowMs) {
  if (m_held) return false;
  show(std::move(item), nowMs);
  m_specialIsBreaking = true;
  m_specialMs = std::max<int64_t>(1, holdMs);
  return true;
}

}  // namespace pantau::viewer::onair
