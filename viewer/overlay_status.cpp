// The top right: the time of the data and the TPS in; under them how stale the view is, the
// source's health, a TPS sweep's progress and the regions without a polygon: a number nobody can vouch for says so.

#include <imgui.h>

#include "overlay.hpp"

namespace pantau::viewer {

using namespace pantau::data;

void Overlay::drawTime() {
  const UiText& t = *m_f.t;
  const RegionId view = m_f.scene->view();
  const RegionStatus& st = m_f.s->status(view);
  const std::string when =
      std::string(t.dataAsOf) + " " + (st.sourceTs ? formatWib(st.sourceTs, t) : "-");
  rightText(m_fonts.bold, when, m_f.pad, IM_COL32(20, 24, 33, 255));
  if (m_f.s->tree().level(view) == Level::Tps) return;
  const double share = st.progressTotal ? 100.0 * st.progressReported / st.progressTotal : 0;
  const std::string progress = std::string(t.tpsIn) + " " + formatCount(st.progressReported, t) +
                               " " + t.of + " " + formatCount(st.progressTotal, t) + " (" +
                               formatPercent(share, t) + ")";
  rightText(m_fonts.body, progress, m_f.pad + 28 * m_f.u, IM_COL32(60, 66, 80, 255));
}

void Overlay::drawStaleness() {
  const UiText& t = *m_f.t;
  const float u = m_f.u;
  const RegionStatus& st = m_f.s->status(m_f.scene->view());
  const SourceHealth& h = m_f.s->health();
  const int64_t nowMs = m_f.info->nowMs;
  float y = m_f.pad + 56 * u;
  const double ageMin =
      nowMs && st.confirmedAtMs ? static_cast<double>(nowMs - st.confirmedAtMs) / 60000.0 : 0;
  if (ageMin >= 2) {
    const std::string stale =
        std::string(t.staleFor) + " " + std::to_string(static_cast<int>(ageMin)) + " " + t.minutes;
    rightText(m_fonts.bold, stale, y, IM_COL32(170, 30, 30, 255));
    y += 26 * u;
  }
  rightText(m_fonts.body, sourceHealthLine(h, t), y,
            h.errors ? IM_COL32(170, 30, 30, 255) : IM_COL32(90, 96, 110, 255));
  y += 24 * u;
  if (const OverlayInfo& i = *m_f.info; i.tpsRead < i.tpsNeeded) {  // a TPS sweep under way
    rightText(m_fonts.body,
              std::string(t.tpsRead) + " " + formatCount(i.tpsRead, t) + " " + t.of + " " + formatCount(i.tpsNeeded, t), y,
              IM_COL32(90, 96, 110, 255));
    y += 24 * u;
  }
  if (const std::size_t missing = m_f.scene->withoutPolygonInView())
    rightText(m_fonts.body, formatCount(missing, t) + " " + t.noPolygon, y,
              IM_COL32(90, 96, 110, 255));
}

}  // namespace pantau::viewer
