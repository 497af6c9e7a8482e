import Foundation
import Testing
import TillitTestSupport
@testable import TillitCore
import TillitSystem

/// Random and adversarial input for the readers of untrusted text: `.tillit.yml` (YAMLReader and
/// ConfigParser), JSON (ledger events, caches) and dates. Each must return a value or throw its
/// error, never crash. The inputs come from a fixed seed, printed with any failure (and before
/// the run, for a crash); TILLIT_FUZZ_SEED and TILLIT_FUZZ_ITERATIONS override the seed and the
/// number of inputs per reader.
@Suite(.tags(.slow)) struct ReaderFuzzTests {
  static let seed: UInt64 = {
    let text = ProcessInfo.processInfo.environment["TILLIT_FUZZ_SEED"] ?? ""
    return UInt64(text) ?? UInt64(text.replacingOccurrences(of: "0x", with: ""), radix: 16) ?? 0x7111_17_5EED
  }()
  static let iterations = ProcessInfo.processInfo.environment["TILLIT_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 1_500

  /// Calls `body` with a generator for each input; a failure names the seed and the input's
  /// number, and the seed is printed first so that a crash can be replayed too.
  static func run(_ name: String, _ body: (inout SplitMix64, _ where: String) throws -> Void) rethrows {
    print("ReaderFuzzTests.\(name): seed \(seed) (TILLIT_FUZZ_SEED), \(iterations) inputs (TILLIT_FUZZ_ITERATIONS)")
    var seeds = SplitMix64(seed: seed ^ UInt64(truncatingIfNeeded: name.utf8.reduce(5381) { $0 &* 33 &+ Int($1) }))
    for iteration in 0..<iterations {
      var random = SplitMix64(seed: seeds.next())
      try body(&random, "\(name) with TILLIT_FUZZ_SEED=\(seed), input \(iteration)")
    }
  }

  static let configs = [
    """
    jobs: 3
    checks:
      - name: unit
        run: [swift, test, "--filter", 'it''s']
        files: ["Sources/**/*.swift", "Tests/**"]
        exclude: ["vendor/{a,b}/*.[ch]"]
        timeout: 10m
      - name: lint
        run: |
          set -e
          make lint # kept
        stage: pre-push
        pass-files: true
        isolation: worktree
    ignore: [docs/**, "*.lock"]
    people:
      aliases:
        - "Ann <ann@example.com> <ann@old.example>"
      bots: [ci@example.com]
      left: []
    reviewers:
      count: 2
      mode: balanced
      inactive-after: 90d
      trailers: [Reviewed-by, Acked-by]
    """,
    "checks:\n- name: a\n  run: \"echo \\u00e9 \\\"x\\\"\"\n  files:\n  - '**'\n",
    "--- # start\nchecks: []\n...\nignored: after the end\n",
  ]

  static let jsons = [
    #"{"kind":"review.feedback","at":"2025-12-01T12:00:00Z","by":"ann@example.com","lamport":17,"subject":{"commit":"0123456789abcdef0123456789abcdef01234567"},"data":{"verdict":"approve","text":"Gr\u00fc\u00dfe \ud83d\ude42 \"quoted\"\n","durationMs":12.5e-1,"files":[1,-2,3.0E+2,null,true,false,[],{}]}}"#,
    #"[0,-0,1e308,-1e-308,123456789012345678,"\\\/\b\f\n\r\t",{"a":{"b":{"c":[[[]]]}}}]"#,
  ]

  /// Tokens that mean something to one of the readers, for building and mutating inputs.
  static let tokens: [[UInt8]] =
    [
      "- ", "-", ": ", ":", "\n", "\r\n", "\r", "  ", " ", "\t", "#", "'", "\"", "\\", "\\u", "\\ud800", "[", "]", "{", "}", ",",
      "|", ">", "|-", ">+", "&a", "*a", "!tag", "---", "...", "checks:", "name:", "run:", "files:", "timeout:", "jobs:",
      "people:", "reviewers:", "count:", "**", "*", "?", "[!", "{a,", "1e999999", "-1e-999999", "123456789012345678901234567890",
      "-9223372036854775809", "NaN", "Infinity", "0x1p3", "true", "null", "\u{FEFF}", "é", "🙂", "\u{301}",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF], [0], [0x7F]]

  static func randomBytes(_ random: inout SplitMix64) -> [UInt8] {
    var bytes: [UInt8] = []
    let pieces = Int(random.next() % 64)
    for _ in 0..<pieces {
      if random.next() % 3 == 0 {
        bytes += (0..<Int(random.next() % 8)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      } else {
        bytes += tokens[Int(random.next() % UInt64(tokens.count))]
      }
    }
    return bytes
  }

  /// A valid document with a few changes: bytes flipped, tokens put in, pieces cut or
  /// repeated, line ends changed, a BOM, a very long line, or deep nesting.
  static func mutated(_ document: String, _ random: inout SplitMix64) -> [UInt8] {
    var bytes = Array(document.utf8)
    func place() -> Int { Int(random.next() % UInt64(bytes.count + 1)) }
    for _ in 0..<(1 + Int(random.next() % 4)) {
      switch random.next() % 10 {
      case 0: if !bytes.isEmpty { bytes[place() % bytes.count] = UInt8(truncatingIfNeeded: random.next()) }
      case 1, 2: bytes.insert(contentsOf: tokens[Int(random.next() % UInt64(tokens.count))], at: place())
      case 3:
        let (a, b) = (place(), place())
        bytes.removeSubrange(min(a, b)..<max(a, b))
      case 4:
        let (a, b) = (place(), place())
        bytes.insert(contentsOf: bytes[min(a, b)..<max(a, b)], at: place())
      case 5:
        let ending: [UInt8] = random.next() % 2 == 0 ? [0x0D, 0x0A] : [0x0D]
        bytes = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init).joined(separator: ending).map { $0 }
      case 6: bytes = [0xEF, 0xBB, 0xBF] + bytes
      case 7: bytes.insert(contentsOf: [UInt8](repeating: [0x61, 0x20, 0x30, 0x5B][Int(random.next() % 4)], count: 1 << Int(random.next() % 15)), at: place())
      case 8:
        let opener = [Array("[".utf8), Array("- ".utf8), Array("{\"a\":".utf8), Array("\n ".utf8)][Int(random.next() % 4)]
        let levels = random.next() % 16 == 0 ? 30_000 : Int(random.next() % 200)
        bytes.insert(contentsOf: (0..<levels).flatMap { _ in opener }, at: place())
      default: bytes.insert(contentsOf: Array(("\n" + String(repeating: " ", count: Int(random.next() % 40))).utf8), at: place())
      }
    }
    return bytes
  }

  static func input(_ random: inout SplitMix64, documents: [String]) -> [UInt8] {
    random.next() % 4 == 0 ? randomBytes(&random) : mutated(documents[Int(random.next() % UInt64(documents.count))], &random)
  }

  static func describe(_ bytes: [UInt8]) -> String {
    "\(bytes.count) bytes: \(String(decoding: bytes.prefix(120), as: UTF8.self).debugDescription)"
  }

  @Test func theConfigReaderAnswersEveryInputWithAValueOrAnError() {
    let started = ContinuousClock.now
    Self.run("config") { random, place in
      let bytes = Self.input(&random, documents: Self.configs)
      let text = String(decoding: bytes, as: UTF8.self)  // as ConfigLoader decodes
      let lines = text.unicodeScalars.filter { $0 == "\n" }.count + 1
      do throws(YAMLError) {
        var reader = YAMLReader()
        _ = try reader.read(text)
      } catch {
        #expect((1...lines).contains(error.line), "\(place): line \(error.line) of \(lines); \(Self.describe(bytes))")
        #expect(!error.problem.isEmpty, "\(place)")
      }
      do throws(ConfigError) {
        _ = try ConfigParser().parse(text)
      } catch {
        if let line = error.line { #expect((1...lines).contains(line), "\(place): line \(line) of \(lines); \(Self.describe(bytes))") }
        #expect(error.description.hasPrefix(".tillit.yml"), "\(place)")
      }
    }
    #expect(ContinuousClock.now - started < .seconds(60), "the config reader is slow on some input")
  }

  @Test func theJSONReaderAnswersEveryInputWithAValueOrAParseError() {
    Self.run("json") { random, place in
      let bytes = Self.input(&random, documents: Self.jsons)
      do throws(JSONParser.Failure) {
        let value = try JSONParser.parse(bytes)
        // What it accepts, it writes back in a form it reads as the same value.
        #expect((try? JSONParser.parse(value.bytes())) == value, "\(place): \(Self.describe(bytes))")
      } catch {
        #expect((0...bytes.count).contains(error.offset), "\(place): offset \(error.offset); \(Self.describe(bytes))")
      }
    }
  }

  @Test func dateReadersAnswerEveryInputAndWriteEveryTime() {
    Self.run("dates") { random, place in
      var text = Array("2025-12-31T23:59:59Z".utf8)
      for _ in 0..<(1 + Int(random.next() % 3)) {
        text[Int(random.next() % UInt64(text.count))] =
          [
            UInt8(ascii: "9"), UInt8(ascii: "0"), UInt8(ascii: "-"), UInt8(ascii: "+"), 0xFF,
            UInt8(truncatingIfNeeded: random.next()),
          ][Int(random.next() % 6)]
      }
      let instant = String(decoding: text, as: UTF8.self)
      if let seconds = Timestamp.seconds(ofInstant: instant) {
        #expect(Timestamp.supported.contains(seconds), "\(place): \(instant)")
      }
      _ = Timestamp.seconds(ofDate: String(instant.prefix(10)))
      let time = Int64(bitPattern: random.next())
      let written = Timestamp.format(seconds: Int(time))
      #expect(Timestamp.seconds(ofInstant: written) == Timestamp.clamped(time), "\(place): \(time) → \(written)")
      _ = Quarter.label(time)
      #expect(Quarter.start(of: time) <= Timestamp.clamped(time), "\(place): \(time)")
      #expect(Quarter.next(after: time) > Timestamp.clamped(time), "\(place): \(time)")
    }
  }
}
