import Testing
import TillitGit
import TillitTestSupport
@testable import TillitCore

/// Hostile payloads for the event decoder: the events Tillit writes (`LedgerGolden`) with a field
/// replaced, removed or added, their kinds swapped, or their bytes mutated. Each is read or
/// refused with a `LedgerError`, never a trap; a refusal of a replaced field names that field;
/// what is read holds only values in range and reads the same once written again. The seed is
/// printed (`ReaderFuzzTests.run`).
extension ReaderFuzzTests {
  static let goldenEvents = LedgerGolden.events.map { LedgerGolden.filled($0, id: "0123456789abcdef0123456789abcdef01234567") }

  /// Values a field may be given: every JSON type, edges of numbers, ids that are nearly ids,
  /// control characters, the words of the closed sets, lists and objects, deep nesting.
  static let hostileValues: [String] = [
    "1", "-1", "0", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "-9223372036854775808", "1e308", "-1e308", "0.5",
    "true", "null", #""""#, #""\u0000""#, #""\u001b[2J""#, #""\ud800""#, #""ZZ""#, #""0123456789ABCDEF0123456789ABCDEF01234567""#,
    #""0123456789abcdef0123456789abcdef0123456""#, #""0123456789abcdef0123456789abcdef012345678""#, #""approve""#, #""timed out""#,
    #""passed""#, "[]", "{}", #"[1,"a",null]"#, #"[{"email":1}]"#, #"[{"email":"e","role":"r","reasons":[7]}]"#, #"["a","b"]"#,
    String(repeating: "[", count: 60) + String(repeating: "]", count: 60), #""\#(String(repeating: "é", count: 20_000))""#,
  ]

  @Test func theEventDecoderReadsOrRefusesEveryHostilePayload() throws {
    let events = try Self.goldenEvents.map { try JSONParser.parse(Array($0.utf8)) }
    let kinds = events.compactMap { $0["kind"] }
    var (readCount, namedCount) = (0, 0)
    Self.run("payloads") { random, place in
      let event = events[Int(random.next() % UInt64(events.count))]
      let fields = Self.fields(of: event)
      let value = Self.hostile(Int(random.next() % UInt64(Self.hostileValues.count)))
      let field = fields[Int(random.next() % UInt64(fields.count))]
      switch random.next() % 8 {
      case 0: Self.expectReadOrRefused(Self.mutated(Self.goldenEvents[Int(random.next() % UInt64(events.count))], &random), place)
      case 1:
        Self.expectReadOrRefused(Self.changed(event) { $0.map { $0.0 == "kind" ? ("kind", kinds[Int(random.next() % UInt64(kinds.count))]) : $0 } }, place)
      case 2: Self.expectReadOrRefused(Self.changed(event, field, to: nil), place)
      case 3: Self.expectReadOrRefused(Self.changed(event, (field.part, field.reviewer, "later"), to: value), place)
      default:
        let outcome = Self.expectReadOrRefused(Self.changed(event, field, to: value), place, naming: field)
        readCount += outcome == true ? 1 : 0
        namedCount += outcome == false ? 1 : 0
      }
    }
    // Both ways out are taken often: the inputs are neither all sound nor all refused.
    #expect(readCount > Self.iterations / 20 && namedCount > Self.iterations / 10, "read \(readCount), refused naming the field \(namedCount)")
  }

  /// Every field of every kind, given every hostile value in turn.
  @Test func everyFieldGivenEveryHostileValueIsReadInRangeOrRefusedByName() throws {
    for event in try Self.goldenEvents.map({ try JSONParser.parse(Array($0.utf8)) }) {
      for field in Self.fields(of: event) {
        for index in Self.hostileValues.indices {
          Self.expectReadOrRefused(
            Self.changed(event, field, to: Self.hostile(index)), "\(event["kind"]?.stringValue ?? ""), value \(index)",
            naming: field)
        }
      }
    }
  }

  static func hostile(_ index: Int) -> JSONValue { (try? JSONParser.parse(Array(hostileValues[index].utf8))) ?? .null }

  /// A field of an event: of its subject or data, maybe of the first of its reviewers.
  typealias Field = (part: String, reviewer: Bool?, key: String)

  static func fields(of event: JSONValue) -> [Field] {
    var fields: [Field] = []
    for part in ["subject", "data"] {
      guard case .object(let members)? = event[part] else { continue }
      for (key, value) in members {
        fields.append((part, nil, key))
        if key == "reviewers", case .array(let people) = value, case .object(let person)? = people.first {
          fields += person.map { (part, true, $0.0) }
        }
      }
    }
    return fields
  }

  static func changed(_ event: JSONValue, _ change: ([(String, JSONValue)]) -> [(String, JSONValue)]) -> [UInt8] {
    guard case .object(let members) = event else { return [] }
    return JSONValue.object(change(members)).sortedKeys().bytes()
  }

  /// `event` with `field` set to `value`, or removed for nil.
  static func changed(_ event: JSONValue, _ field: Field, to value: JSONValue?) -> [UInt8] {
    func set(_ members: [(String, JSONValue)], _ key: String, _ value: JSONValue?) -> [(String, JSONValue)] {
      members.filter { $0.0 != key } + (value.map { [(key, $0)] } ?? [])
    }
    return changed(event) { members in
      members.map { name, part in
        guard name == field.part, case .object(let fields) = part else { return (name, part) }
        guard field.reviewer == true, case .array(var people)? = part["reviewers"], case .object(let person)? = people.first else {
          return (name, .object(set(fields, field.key, value)))
        }
        people[0] = .object(set(person, field.key, value))
        return (name, .object(set(fields, "reviewers", .array(people))))
      }
    }
  }

  /// Reads `bytes` as an event: it is read, with every value in range and the same once written
  /// again (true), or refused with a `LedgerError` (false) that names `field` when given.
  @discardableResult
  static func expectReadOrRefused(_ bytes: [UInt8], _ place: String, naming field: Field? = nil) -> Bool? {
    let read: LedgerEvent
    do {
      read = try bytes.withUnsafeBytes { try LedgerEvent.decode($0) }
    } catch let error as LedgerError {
      if let field, case .malformedPayload(_, let problem) = error {
        let name = field.reviewer == true ? "\(field.part).reviewers[0].\(field.key)" : "\(field.part).\(field.key)"
        #expect(problem.contains("'\(name)"), "\(place): \(name): \(error); \(describe(bytes))")
      }
      return false
    } catch {
      Issue.record("\(place): not a LedgerError: \(error); \(describe(bytes))")
      return nil
    }
    expectInRange(read.payload, place)
    let again = try? read.encoded().withUnsafeBytes { try LedgerEvent.decode($0) }
    #expect(again == read, "\(place): written again, it reads otherwise; \(describe(bytes))")
    return true
  }

  /// What a payload type lets through is in range whatever the event said.
  static func expectInRange(_ payload: LedgerPayload, _ place: String) {
    switch payload {
    case .reviewFeedback(let feedback):
      if let anchor = feedback.anchor { #expect(ReviewFeedback.lines.contains(anchor.line), "\(place): line \(anchor.line)") }
    case .checkRan(let run):
      #expect((0...CheckRan.longestDurationMs).contains(run.durationMs), "\(place): \(run.durationMs) ms")
    case .unknown(let unknown):
      #expect(unknown.version != LedgerEvent.version || LedgerPayload.kinds[unknown.kind] == nil, "\(place): \(unknown.kind) read as unknown")
    default:
      break
    }
  }
}
