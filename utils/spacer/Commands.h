//===- Commands.h - The spacer subcommands ----------------------*- C++ -*-===//

#ifndef SPACER_COMMANDS_H
#define SPACER_COMMANDS_H

#include "SpacerManifest.h"
#include "llvm/Support/CommandLine.h"
#include <optional>

namespace spacer {

/// Exit statuses every subcommand uses, for scripts.
enum ExitStatus {
  ExitOk = 0,
  /// The command ran and found a problem (check: a violation; share: an
  /// image that could not be analysed, with --keep-going).
  ExitFindings = 1,
  /// Bad usage or unreadable input: the command could not do its job.
  ExitError = 2,
};

/// Each subcommand's options; --help lists only these.
extern llvm::cl::OptionCategory planCategory;
extern llvm::cl::OptionCategory shareCategory;
extern llvm::cl::OptionCategory checkCategory;

extern llvm::cl::SubCommand planCommand;
extern llvm::cl::SubCommand shareCommand;
extern llvm::cl::SubCommand checkCommand;

int runPlan();
int runShare();
int runCheck();

/// "spacer: error: " + message, on stderr.
void reportError(const llvm::Twine &message);

/// Reads a manifest; on failure reports every mistake in it and returns
/// nothing (the subcommand then exits with ExitError).
std::optional<Manifest> readManifestOrReport(llvm::StringRef path);

} // namespace spacer

#endif
