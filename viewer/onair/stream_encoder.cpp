#include "stream_encoder.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include <cstring>

namespace pantau::viewer::onair {

using data::Error;
using data::ErrorCode;

namespace {

std::string avError(int code) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, buf, sizeof buf);
  return buf;
}

/// The container for a URL: by scheme for streams, by extension for files.
const char* containerFor(const std::string& url) {
  if (url.starts_with("rtmp://") || url.starts_with("rtmps://")) return "flv";
  if (url.starts_with("srt://") || url.starts_with("udp://") || url.ends_with(".ts"))
    return "mpegts";
  if (url.ends_with(".mp4")) return "mp4";
  if (url.ends_with(".mov")) return "mov";
  return nullptr;
}

}  // namespace

struct StreamEncoder::Av {
  AVFormatContext* format = nullptr;
  AVCodecContext* codec = nullptr;
  AVStream* stream = nullptr;
  SwsContext* sws = nullptr;
  AVFrame* frame = nullptr;
  AVPacket* packet = nullptr;
  bool headerWritten = false;
  ~Av() {
    if (format && !(format->oformat->flags & AVFMT_NOFILE)) avio_closep(&format->pb);
    avformat_free_context(format);
    avcodec_free_context(&codec);
    sws_freeContext(sws);
    av_frame_free(&frame);
    av_packet_free(&packet);
  }
};

data::Result<std::unique_ptr<StreamEncoder>> StreamEncoder::open(const StreamOptions& o) {
  const char* container = containerFor(o.url);
  const std::string what = "--stream " + o.url;
  if (!container)
    return Error{ErrorCode::Type,
                 what + ": not a .ts, .mp4 or .mov file nor an srt://, udp:// or rtmp:// URL"};
  const bool prores = o.picture == StreamOptions::FillAndKey;
  if (prores && std::strcmp(container, "mov") != 0)
    return Error{
        ErrorCode::Type,
        what + ": fill and key in one stream is ProRes 4444 in a .mov (or give --stream-key URL)"};
  std::unique_ptr<StreamEncoder> e(new StreamEncoder);
  e->m_options = o;
  e->m_av = {new Av, [](Av* av) { delete av; }};
  Av& av = *e->m_av;
  int rc = avformat_alloc_output_context2(&av.format, nullptr, container, o.url.c_str());
  if (rc < 0) return Error{ErrorCode::Io, what + ": " + avError(rc)};
  const AVCodec* codec = avcodec_find_encoder_by_name(prores ? "prores_ks" : "libx264");
  if (!codec)
    return Error{ErrorCode::Missing,
                 what + ": FFmpeg has no " + (prores ? "prores_ks" : "libx264") + " encoder"};
  av.stream = avformat_new_stream(av.format, nullptr);
  av.codec = avcodec_alloc_context3(codec);
  AVCodecContext& c = *av.codec;
  c.width = o.width;
  c.height = o.height;
  c.time_base = AVRational{1, o.fps};
  c.framerate = AVRational{o.fps, 1};
  c.pix_fmt = prores ? AV_PIX_FMT_YUVA444P10LE : AV_PIX_FMT_YUV420P;
  c.thread_count = 0;  // the codec's own threads: libx264 slices the frame across the cores
  if (prores) {
    av_opt_set(c.priv_data, "profile", "4444", 0);
    av_opt_set_int(c.priv_data, "alpha_bits", 16, 0);
  } else {
    c.gop_size = o.fps * 2;  // a key frame every 2 s: a stream joined late starts within 2 s
    c.max_b_frames = 0;      // no reordering: a mixer sees each frame as soon as it is made
    c.bit_rate = int64_t{o.bitrateKbps} * 1000;
    av_opt_set(c.priv_data, "preset", o.preset.c_str(), 0);
    av_opt_set(c.priv_data, "tune", "zerolatency", 0);
  }
  if (av.format->oformat->flags & AVFMT_GLOBALHEADER) c.flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  if ((rc = avcodec_open2(&c, codec, nullptr)) < 0)
    return Error{ErrorCode::Io, what + ": cannot open the encoder: " + avError(rc)};
  avcodec_parameters_from_context(av.stream->codecpar, &c);
  av.stream->time_base = c.time_base;
  if (!(av.format->oformat->flags & AVFMT_NOFILE) &&
      (rc = avio_open(&av.format->pb, o.url.c_str(), AVIO_FLAG_WRITE)) < 0)
    return Error{ErrorCode::Io, what + ": " + avError(rc)};
  if ((rc = avformat_write_header(av.format, nullptr)) < 0)
    return Error{ErrorCode::Io, what + ": " + avError(rc)};
  av.headerWritten = true;
  av.frame = av_frame_alloc();
  av.frame->format = c.pix_fmt;
  av.frame->width = o.width;
  av.frame->height = o.height;
  if (av_frame_get_buffer(av.frame, 0) < 0) return Error{ErrorCode::Io, what + ": out of memory"};
  av.packet = av_packet_alloc();
  av.sws = sws_getContext(o.width, o.height, AV_PIX_FMT_RGBA, o.width, o.height, c.pix_fmt,
                          SWS_BILINEAR, nullptr, nullptr, nullptr);
  e->m_thread = std::thread([raw = e.get()] { raw->run(); });
  return e;
}

std::string StreamEncoder::codecName() const {
  return m_options.picture == StreamOptions::FillAndKey ? "prores_ks 4444"
                                                        : "libx264 " + m_options.preset;
}

bool StreamEncoder::push(Picture rgba, int64_t frameIndex) {
  {
    std::lock_guard lock(m_mutex);
    const bool repeat = !m_queue.empty() && m_queue.back().rgba == rgba;
    // Repeats hold no memory of their own; still bounded, so that a stalled encoder is noticed.
    const bool room = repeat ? m_queue.size() < static_cast<std::size_t>(m_options.queueFrames) * 8
                             : m_queuedPictures < m_options.queueFrames;
    if (!m_closing && room && rgba) {
      m_queuedPictures += !repeat;
      m_queue.push_back({std::move(rgba), frameIndex});
      m_cv.notify_one();
      return true;
    }
  }
  ++m_dropped;
  return false;
}

void StreamEncoder::run() {
  for (;;) {
    Frame f;
    {
      std::unique_lock lock(m_mutex);
      m_cv.wait(lock, [&] { return !m_queue.empty() || m_closing; });
      if (m_queue.empty()) break;
      f = std::move(m_queue.front());
      m_queue.pop_front();
      m_queuedPictures -= m_queue.empty() || m_queue.front().rgba != f.rgba;
    }
    if (!m_error) continue;  // after an error: drain, so push() never waits
    if (data::Status s = encode(&f); !s) {
      std::lock_guard lock(m_mutex);
      m_error = s;
    } else {
      ++m_encoded;
    }
  }
}

data::Status StreamEncoder::encode(const Frame* f) {
  Av& av = *m_av;
  if (f && f->rgba == m_converted) {
    av_frame_make_writable(
        av.frame);  // the codec may still hold the last one; the copy keeps the picture
  } else if (f) {
    m_converted = f->rgba;
    av_frame_make_writable(av.frame);
    if (m_options.picture == StreamOptions::Key) {
      // The key: alpha as luma, no colour.
      for (int y = 0; y < m_options.height; ++y) {
        const uint8_t* src = f->rgba->data() + std::size_t(y) * m_options.width * 4;
        uint8_t* dst = av.frame->data[0] + std::size_t(y) * av.frame->linesize[0];
        for (int x = 0; x < m_options.width; ++x)
          dst[x] = static_cast<uint8_t>(16 + src[x * 4 + 3] * 219 / 255);
      }
      for (int p = 1; p < 3; ++p)
        for (int y = 0; y < m_options.height / 2; ++y)
          std::memset(av.frame->data[p] + std::size_t(y) * av.frame->linesize[p], 128,
                      m_options.width / 2);
    } else {
      const uint8_t* src[1] = {f->rgba->data()};
      const int stride[1] = {m_options.width * 4};
      sws_scale(av.sws, src, stride, 0, m_options.height, av.frame->data, av.frame->linesize);
    }
  }
  if (f) av.frame->pts = f->index;
  int rc = avcodec_send_frame(av.codec, f ? av.frame : nullptr);
  if (rc < 0) return Error{ErrorCode::Io, "--stream " + m_options.url + ": " + avError(rc)};
  while ((rc = avcodec_receive_packet(av.codec, av.packet)) >= 0) {
    // One frame long: without a duration, .mov's last sample has none and players drop it.
    if (av.packet->duration == 0) av.packet->duration = 1;
    av_packet_rescale_ts(av.packet, av.codec->time_base, av.stream->time_base);
    av.packet->stream_index = av.stream->index;
    if ((rc = av_interleaved_write_frame(av.format, av.packet)) < 0)
      return Error{ErrorCode::Io, "--stream " + m_options.url + ": " + avError(rc)};
  }
  if (rc != AVERROR(EAGAIN) && rc != AVERROR_EOF)
    return Error{ErrorCode::Io, "--stream " + m_options.url + ": " + avError(rc)};
  return {};
}

data::Status StreamEncoder::finish() {
  {
    std::lock_guard lock(m_mutex);
    if (m_finished) return m_error;
    m_closing = true;
    m_finished = true;
  }
  m_cv.notify_all();
  if (m_thread.joinable()) m_thread.join();
  if (m_error) {
    if (data::Status s = encode(nullptr); !s) m_error = s;
    if (int rc = av_write_trailer(m_av->format); rc < 0 && m_error)
      m_error = Error{ErrorCode::Io, "--stream " + m_options.url + ": " + avError(rc)};
  }
  return m_error;
}

StreamEncoder::~StreamEncoder() {
  (void)finish();
}

}  // namespace pantau::viewer::onair
