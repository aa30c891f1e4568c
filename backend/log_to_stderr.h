// Every program logs to stderr: stdout carries data only (snapshots, lists, trees, help text),
// and is often piped into another tool. spdlog's built-in default logger writes to stdout, so
// each main() swaps it for this one before anything can log.
#pragma once

#include <memory>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace nsx::backend {

// The same name ("") and pattern as spdlog's own default logger, so SPDLOG_LEVEL
// (spdlog::cfg::load_env_levels) and spdlog::set_level reach it as before; only the stream
// differs.
inline void logToStderr()
{
    auto logger = std::make_shared<spdlog::logger>(
        "", std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    logger->set_level(spdlog::default_logger_raw()->level());
    spdlog::set_default_logger(std::move(logger));
}

} // namespace nsx::backend
