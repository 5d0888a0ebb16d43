#pragma once
// The playout: which rundown item is on air, for how long, and what the director's commands do.
// A state machine on an injected clock (milliseconds from any origin), so the tests drive time
// themselves: each item plays its `seconds`, then the next (the cued one first); at the end it
// loops (re-expanding the tours through onLoop) or stops on the last item. An item of 0 seconds
// holds until a command. `hold` freezes the clock, `resume` continues where it stopped.
// An ad-hoc item (`show`) stays until the next command; a breaking item plays its hold time and
// then returns to the item it interrupted, from its start.
//
// Threading: one owner (the on-air loop); commands from the control server are queued to it.

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "rundown.hpp"

namespace pantau::viewer::onair {

class Carousel {
 public:
  explicit Carousel(std::vector<RundownItem> items, bool loop = true);

  /// Called when the carousel wraps to the first item: the rundown expanded again (tours follow
  /// the data). An empty result keeps the items it had.
  std::function<std::vector<RundownItem>()> onLoop;

  /// Puts the first item on air at `nowMs`.
  void start(int64_t nowMs);
  /// Moves on by the clock; true when what is on air changed.
  bool tick(int64_t nowMs);

  // The director's commands. Each takes effect at once (the change shows in version()).
  void next(int64_t nowMs);    ///< the cued item, else the one after
  void prev(int64_t nowMs);    ///< the one before (from an ad-hoc item: the item it interrupted)
  void take(int64_t nowMs);    ///< cut to the cued item (without one: as next)
  bool cue(int index);         ///< the item `take`/`next` will go to; false when out of range
  void hold(int64_t nowMs);    ///< freeze the item's clock
  void resume(int64_t nowMs);  ///< continue the held clock
  /// An item not in the rundown, on air until the next command (or its seconds, when > 0).
  void show(RundownItem item, int64_t nowMs);
  /// A breaking item: on air for `holdMs` (unless the director holds), then back to the item it
  /// interrupted. Ignored while held: the director has the show. True when it went on air.
  bool breaking(RundownItem item, int64_t holdMs, int64_t nowMs);

  /// What is on air (a rundown item, an ad-hoc or a breaking one).
  const RundownItem& onAir() const;
  /// Its index in items(), -1 for an ad-hoc or breaking item.
  int current() const { return m_special ? -1 : m_index; }
  /// The item that comes next (the cued one, else the following); -1 at the end without loop.
  int nextIndex() const;
  bool playing() const;  ///< the clock runs (not held, not a hold-until-command item, not ended)
  bool held() const { return m_held; }
  bool ended() const { return m_ended; }
  bool breakingOnAir() const { return m_special && m_specialIsBreaking; }
  uint64_t version() const { return m_version; }  ///< +1 at every change of what is on air
  int loops() const { return m_loops; }
  const std::vector<RundownItem>& items() const { return m_items; }
  /// Whether tick(nowMs) would put another item on air (its time is up).
  bool changesBy(int64_t nowMs) const { return playing() && elapsedMs(nowMs) >= durationMs(); }
  /// Milliseconds the item on air has played (its clock, without held time).
  int64_t elapsedMs(int64_t nowMs) const;

 private:
  void goTo(int index, int64_t nowMs);
  int following() const;  ///< after m_index, wrapping when looping; -1 at the end
  int64_t durationMs() const;

  std::vector<RundownItem> m_items;
  bool m_loop;
  int m_index = 0;  ///< the rundown item on air or interrupted
  std::optional<int> m_cued;
  std::optional<RundownItem> m_special;  ///< ad-hoc or breaking
  bool m_specialIsBreaking = false;
  int64_t m_specialMs = 0;
  bool m_held = false, m_ended = false;
  int64_t m_startMs = 0;  ///< when the running clock started (with m_playedMs before it)
  int64_t m_playedMs = 0;
  uint64_t m_version = 0;
  int m_loops = 0;
  RundownItem m_nation;  ///< on air when the rundown expanded to nothing
};

}  // namespace pantau::viewer::onair
