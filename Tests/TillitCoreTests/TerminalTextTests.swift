import Testing
import TillitCore
import TillitGit
import TillitSystem

@Suite struct TerminalTextTests {
  @Test func plainTextIsLeftAsItIs() {
    for text in ["", "make lint", "Zoë Ünal <zoe@example.com>", "grep 'a\\.b' — 日本…", "\\e[2J typed as text"] {
      #expect(TerminalText.escaped(text) == text)
    }
  }

  @Test func controlCharactersAreShownByName() {
    #expect(TerminalText.escaped("touch PWNED; exit 0 \u{1B}[2K\rmake lint") == "touch PWNED; exit 0 \\e[2K\\rmake lint")
    #expect(TerminalText.escaped("\u{1B}]0;pwned\u{07}") == "\\e]0;pwned\\x07")
    #expect(TerminalText.escaped("a\tb\nc") == "a\\tb\\nc")
    #expect(TerminalText.escaped("\u{0}\u{8}\u{1F}\u{7F}") == "\\x00\\x08\\x1f\\x7f")
  }

  @Test func aCheckOutputLineKeepsItsTabs() {
    #expect(TerminalText.escapedKeepingTabs("\tat main.swift:3\t\u{1B}[31merror") == "\tat main.swift:3\t\\e[31merror")
    #expect(TerminalText.escapedKeepingTabs("a\rb\u{202E}") == "a\\rb\\u{202e}")
  }

  @Test func c1ControlsAndInvisibleReorderingAreShownAsCodePoints() {
    #expect(TerminalText.escaped("a\u{9B}2Jb\u{85}") == "a\\u{9b}2Jb\\u{85}")
    #expect(TerminalText.escaped("ok\u{202E}txt.exe\u{2066}\u{2028}") == "ok\\u{202e}txt.exe\\u{2066}\\u{2028}")
    // Other characters that start with the same UTF-8 byte stay.
    #expect(TerminalText.escaped("— ‘x’ € …") == "— ‘x’ € …")
  }

  @Test func noControlCharacterSurvives() {
    for value in UInt32(0)...0x3000 {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let shown = TerminalText.escaped("x" + String(Character(scalar)) + "y")
      #expect(
        !shown.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.isBidiControl },
        "U+\(String(value, radix: 16)) came through as \(shown.debugDescription)")
    }
  }

  @Test func escapingTwiceChangesNothing() {
    for text in ["\u{1B}]0;pwned\u{07}", "a\r\n\u{9B}\u{202E}b", "\\x1b\u{1B}"] {
      let once = TerminalText.escaped(text)
      #expect(TerminalText.escaped(once) == once)
    }
  }

  @Test func invalidUTF8BytesAreShownInHex() {
    #expect(TerminalText.escaped(bytes: [0x66, 0xFF, 0x6F]) == "f\\xffo")
    #expect(TerminalText.escaped(bytes: [0x61, 0xE2, 0x82]) == "a\\xe2\\x82")
    #expect(TerminalText.escaped(bytes: [0xC0, 0x80, 0x21]) == "\\xc0\\x80!")
    #expect(TerminalText.escaped(bytes: Array("é\u{1B}[2J.txt".utf8)) == "é\\e[2J.txt")
    #expect(TerminalText.escaped(RepoPath(bytes: [0x73, 0x72, 0x63, 0x2F, 0x9B, 0x1B])) == "src/\\x9b\\e")
    #expect(TerminalText.escaped(bytes: [UInt8]()) == "")
  }

  @Test func severalLinesKeepTheirLineEnds() {
    #expect(TerminalText.escapedLines("one\ntwo \u{1B}[2J\r\n") == "one\ntwo \\e[2J\\r\n")
    #expect(TerminalText.escapedLines("plain\nlines\n") == "plain\nlines\n")
  }
}
