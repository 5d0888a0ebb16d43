#include "osc_command.hpp"

#include <lo/lo_lowlevel.h>

#include <cmath>
#include <cstdint>
#include <cstring>

namespace pantau::viewer::onair {

namespace {

/// A liblo message, freed on every path.
struct Message {
  lo_message m = nullptr;
  ~Message() {
    if (m) lo_message_free(m);
  }
};

// liblo packs arguments at 4-byte offsets, so an lo_arg* may be misaligned for the union (which
// holds 8-byte members): read through bytes, never through the union's members (UBSan found it).
const char* argBytes(lo_arg* a) { return reinterpret_cast<const char*>(a); }

template <class T>
T argValue(lo_arg* a) {
  T v;
  std::memcpy(&v, argBytes(a), sizeof v);
  return v;
}

/// Argument `i` as a string ('s' or 'S'), or empty when it is not one.
std::string stringArg(const char* types, lo_arg** argv, int argc, int i) {
  if (i >= argc || (types[i] != LO_STRING && types[i] != LO_SYMBOL)) return {};
  return std::string(argBytes(argv[i]));
}

/// /pantau/cue: an item number (an integer or an integral float) or a name.
std::variant<ControlCommand, std::string> cue(const char* types, lo_arg** argv, int argc) {
  ControlCommand c;
  c.verb = ControlCommand::Cue;
  if (argc < 1) return std::string("/pantau/cue needs an item number (i) or a name (s)");
  double n = -1;
  switch (types[0]) {
    case LO_INT32:
      n = argValue<int32_t>(argv[0]);
      break;
    case LO_INT64:
      n = static_cast<double>(argValue<int64_t>(argv[0]));
      break;
    case LO_FLOAT:
      n = argValue<float>(argv[0]);
      break;
    case LO_DOUBLE:
      n = argValue<double>(argv[0]);
      break;
    case LO_STRING:
    case LO_SYMBOL:
      c.name = argBytes(argv[0]);
      if (c.name.empty()) return std::string("/pantau/cue: an empty name");
      return c;
    default:
      return std::string("/pantau/cue: argument of type '") + types[0] +
             "', not a number or a name";
  }
  if (!(n >= 0 && n <= 1e6) || std::floor(n) != n)
    return "/pantau/cue: item " + std::to_string(n) + " is not a number 0..";
  c.item = static_cast<int>(n);
  return c;
}

}  // namespace

std::variant<ControlCommand, std::string> oscCommand(const void* data, std::size_t size) {
  if (size >= 8 && std::memcmp(data, "#bundle", 8) == 0)
    return std::string("an OSC bundle: send each command as a message of its own");
  char* path = lo_get_path(const_cast<void*>(data), static_cast<ssize_t>(size));
  int result = 0;
  Message msg{lo_message_deserialise(const_cast<void*>(data), size, &result)};
  if (!msg.m || !path) return "not an OSC message (liblo error " + std::to_string(result) + ")";
  const std::string address(path);
  const char* types = lo_message_get_types(msg.m);
  lo_arg** argv = lo_message_get_argv(msg.m);
  const int argc = lo_message_get_argc(msg.m);
  ControlCommand c;
  const std::string verb = address.rfind("/pantau/", 0) == 0 ? address.substr(8) : std::string();
  if (verb == "next")
    c.verb = ControlCommand::Next;
  else if (verb == "prev")
    c.verb = ControlCommand::Prev;
  else if (verb == "take")
    c.verb = ControlCommand::Take;
  else if (verb == "hold")
    c.verb = ControlCommand::Hold;
  else if (verb == "resume")
    c.verb = ControlCommand::Resume;
  else if (verb == "cue")
    return cue(types, argv, argc);
  else if (verb == "show") {
    c.verb = ControlCommand::Show;
    if (argc < 1 ||
        (c.view = stringArg(types, argv, argc, 0), types[0] != LO_STRING && types[0] != LO_SYMBOL))
      return std::string("/pantau/show needs a region code (s), and a layer (s) if not the winner");
    c.layer = argc >= 2 ? stringArg(types, argv, argc, 1) : "winner";
    if (c.layer.empty()) return std::string("/pantau/show: the layer must be a string");
  } else {
    return "unknown address '" + address.substr(0, 120) +
           "' (/pantau/next /prev /take /cue /hold /resume /show)";
  }
  return c;
}

}  // namespace pantau::viewer::onair
