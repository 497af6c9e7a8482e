#if canImport(Glibc)
import Glibc
#endif

// `tillit hook NAME ...` is what git starts on every commit and push, so it is dispatched here,
// before ArgumentParser builds its command tree: that alone costs a few milliseconds per start.
let arguments = CommandLine.arguments
if arguments.count >= 2 && arguments[1] == "hook" {
  exit(HookRunner.run(Array(arguments.dropFirst(2))))
}
if let help = HelpTopics.text(for: Array(arguments.dropFirst())) {
  Output.standard(help)
  exit(0)
}
Tillit.runExitingWithUsageCode()
