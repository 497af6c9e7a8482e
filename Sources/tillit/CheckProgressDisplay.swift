import Dispatch
import TillitCore
import TillitReport
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// Shows a run of checks as it goes: each check's line as soon as it finishes, in finishing
/// order; on a terminal (and without `NO_COLOR`), also one live line naming what still runs with
/// its elapsed time, redrawn in place (`\r`, erase line) ten times a second and erased before
/// each finished line and at the end. Piped, only the finished lines are written, as plain lines.
///
/// Every event and every redraw runs on one serial queue, so lines never interleave.
final class CheckProgressDisplay: @unchecked Sendable {
  private let descriptor: Int32
  private let table: CheckReportTable
  private let queue = DispatchQueue(label: "tillit.check-progress")
  private var timer: DispatchSourceTimer?
  private var width = 8
  private var running: [(name: String, started: Int)] = []
  /// The planned checks whose line is still to come.
  private var awaited: Set<String> = []
  private var liveLineShown = false
  private var stopped = false
  /// The checks whose whole output is shown (`output: full`), from the planned definitions.
  private var fullOutput: Set<String> = []

  static let redrawInterval = DispatchTimeInterval.milliseconds(100)
  static let eraseLine = "\r\u{1B}[2K"

  init(descriptor: Int32, table: CheckReportTable, live: Bool) {
    self.descriptor = descriptor
    self.table = table
    guard live else { return }
    let timer = DispatchSource.makeTimerSource(queue: queue)
    timer.schedule(deadline: .now() + Self.redrawInterval, repeating: Self.redrawInterval)
    timer.setEventHandler { [weak self] in self?.redraw() }
    timer.resume()
    self.timer = timer
  }

  /// Whether the live line is wanted on `descriptor`: where colour is (`Output.wantsColour`).
  static func isLive(_ descriptor: Int32) -> Bool { Output.wantsColour(descriptor) }

  /// For `CheckSession.Options.progress`; called from the runner's threads.
  func report(_ event: CheckProgress) {
    queue.sync {
      switch event {
      case .planned(let checks):
        width = CheckReportTable.width(checks.map(\.name))
        awaited = Set(checks.map(\.name))
        fullOutput.formUnion(checks.filter { $0.output == .full }.map(\.name))
      case .started(let name):
        running.append((name, Clock.milliseconds()))
      case .finished(let result):
        if let position = running.firstIndex(where: { $0.name == result.name }) { running.remove(at: position) }
        guard awaited.remove(result.name) != nil else { return }
        eraseLiveLine()
        Output.write(table.line(result, width: width) + "\n", to: descriptor)
      }
    }
  }

  /// Whether the named check asked for its whole output (`output: full`).
  func showsFullOutput(of check: String) -> Bool { queue.sync { fullOutput.contains(check) } }

  /// Stops the live line and erases it; nothing is written afterwards.
  func stop() {
    queue.sync {
      stopped = true
      timer?.cancel()
      eraseLiveLine()
    }
  }

  private func redraw() {
    guard !stopped, !running.isEmpty else { return eraseLiveLine() }
    let now = Clock.milliseconds()
    let line = table.runningLine(running.map { ($0.name, now - $0.started) }, columns: Self.columns(descriptor))
    Output.write(Self.eraseLine + line, to: descriptor)
    liveLineShown = true
  }

  private func eraseLiveLine() {
    guard liveLineShown else { return }
    Output.write(Self.eraseLine, to: descriptor)
    liveLineShown = false
  }

  /// The terminal's width; 80 when it cannot be told.
  private static func columns(_ descriptor: Int32) -> Int {
    var size = winsize()
    guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }
}
