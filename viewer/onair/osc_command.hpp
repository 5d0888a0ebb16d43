#pragma once
// One OSC datagram to an on-air control command (OscControl's decoder, kept apart from its socket
// so that the fuzz target links only this and liblo). Pure: any thread.

#include <cstddef>
#include <string>
#include <variant>

#include "control_server.hpp"  // ControlCommand (the header needs no HTTP library)

namespace pantau::viewer::onair {

/// A message (not a bundle) to a command, or the error to answer: the entry point for outside
/// bytes (fuzz/fuzz_osc.cpp).
std::variant<ControlCommand, std::string> oscCommand(const void* data, std::size_t size);

}  // namespace pantau::viewer::onair
