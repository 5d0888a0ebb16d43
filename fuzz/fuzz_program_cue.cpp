// libFuzzer target: an on-air leader's GET /program body, as a wall tile following it (--follow)
// reads it. Whatever the bytes, parseProgramCue returns a checked value or an error: never a
// crash, never a value that breaks its own rules; what the leader writes reads back the same, and
// a cue always follows itself (the follower's check against its last good cue).
//
// Built by `make fuzz` like the others; its seeds replay in `make test`.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "program_cue.hpp"

using namespace pantau::viewer::onair;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto cue = parseProgramCue(bytes);
  if (!cue) {
    if (cue.error().message.rfind("/program: ", 0) != 0) std::abort();  // says what it is about
    return 0;
  }
  if (cue->seq == 0 || cue->item < -1 || cue->applyAtMs <= 0 || cue->view.size() > 13 ||
      cue->caption.size() > 256 ||
      (cue->map != "regions" && cue->map != "tiles"))
    std::abort();
  auto again = parseProgramCue(programCueJson(*cue));
  if (!again || !(*again == *cue)) std::abort();
  if (!cueFollows(&*cue, *again)) std::abort();
  ProgramCue older = *cue;
  older.seq = cue->seq - 1;
  if (older.seq > 0 && cueFollows(&*cue, older)) std::abort();  // a cue from the past is refused
  return 0;
}
