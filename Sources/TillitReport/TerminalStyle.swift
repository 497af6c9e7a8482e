/// ANSI colour, only when writing to a terminal (and `NO_COLOR` is not set).
public struct TerminalStyle: Sendable {
  public let colour: Bool

  public init(colour: Bool) { self.colour = colour }

  public func green(_ text: String) -> String { paint(text, "32") }
  public func red(_ text: String) -> String { paint(text, "31") }
  public func yellow(_ text: String) -> String { paint(text, "33") }
  public func dim(_ text: String) -> String { paint(text, "2") }
  public func bold(_ text: String) -> String { paint(text, "1") }

  private func paint(_ text: String, _ code: String) -> String {
    colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}
