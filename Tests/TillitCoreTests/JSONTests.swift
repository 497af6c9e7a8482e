import Testing
@testable import TillitCore

@Suite struct JSONTests {
  @Test func stringsNeedingEscapesSurviveAWriteAndARead() throws {
    let tricky = ["plain", "", "say \"hi\"", "back\\slash", "tab\there\nnew line\r", "bell \u{07} and \u{1F}", "Grüße, 日本, 🙂", "\"\\\"", "end\\"]
    let value = JSONValue.array(tricky.map { .string($0) })
    let compact = value.text()
    #expect(compact.contains(#""say \"hi\"""#))
    #expect(compact.contains(#""bell \u0007 and \u001f""#))
    #expect(compact.contains("Grüße, 日本, 🙂"))
    #expect(try JSONParser.parse(Array(compact.utf8)) == value)
    #expect(try JSONParser.parse(value.bytes(pretty: true)) == value)
  }

  @Test func prettyTextIndentsByTwoSpacesAndKeepsEmptyContainersShort() throws {
    let value = JSONValue.object([("a", .array([.integer(1), .bool(true), .null])), ("b", .object([])), ("c", .array([]))])
    #expect(value.text(pretty: true) == "{\n  \"a\": [\n    1,\n    true,\n    null\n  ],\n  \"b\": {},\n  \"c\": []\n}")
    #expect(value.text() == #"{"a":[1,true,null],"b":{},"c":[]}"#)
  }

  @Test func repeatedKeysAreRefusedInSmallAndLargeObjects() throws {
    #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(#"{"a":1,"a":2}"#.utf8)) }
    let many = (0..<20).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
    #expect(throws: Never.self) { try JSONParser.parse(Array("{\(many)}".utf8)) }
    #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array("{\(many),\"k3\":0}".utf8)) }
    #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array("{\(many),\"k19\":0}".utf8)) }
  }

  @Test func textThatIsNotUTF8OrAnUnpairedSurrogateIsRefused() throws {
    #expect(throws: JSONParser.Failure.self) { try JSONParser.parse([UInt8(ascii: "\""), 0xFF, 0xFE, UInt8(ascii: "\"")]) }
    #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(#""\ud800""#.utf8)) }
    #expect(try JSONParser.parse(Array(#""\ud83d\ude42""#.utf8)) == .string("🙂"))
  }

  @Test func nestingDeeperThanTheLimitIsAParseErrorNotACrash() throws {
    let limit = JSONParser.deepestNesting
    #expect(throws: Never.self) { try JSONParser.parse(Array((String(repeating: "[", count: limit) + String(repeating: "]", count: limit)).utf8)) }
    for text in [
      String(repeating: "[", count: 100_000), String(repeating: "{\"a\":", count: 100_000) + "1",
      String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1),
    ] {
      do {
        _ = try JSONParser.parse(Array(text.utf8))
        Issue.record("parsed \(text.prefix(20))")
      } catch {
        #expect(error.problem == "nesting deeper than \(limit)")
      }
    }
  }
}
