// libFuzzer target: one OSC datagram to the on-air control (`--osc-port`), the bytes any process
// on the machine can send to that UDP port. Whatever they are, oscCommand answers a command
// whose arguments are in range or an error to send back; it never crashes.
// Links osc_command.cpp and liblo only.

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>

#include "osc_command.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace pantau::viewer::onair;
  const auto r = oscCommand(data, size);
  if (const auto* error = std::get_if<std::string>(&r)) {
    if (error->empty() || error->size() > 400) __builtin_trap();  // an answer fits a datagram
    return 0;
  }
  const ControlCommand& c = std::get<ControlCommand>(r);
  if (c.verb == ControlCommand::Cue && c.name.empty() && (c.item < 0 || c.item > 1000000))
    __builtin_trap();
  if (c.verb == ControlCommand::Show && c.layer.empty()) __builtin_trap();
  return 0;
}
