import TillitGit
import TillitSystem

/// The people of a repository as the knowledge model sees them, the probable duplicates among
/// them, and the writing of accepted `.mailmap` lines.
public struct PeopleReview {
  public let people: [IdentitySightings.Identity]
  public let suggestions: [PeopleSuggestion]

  public init(base: KnowledgeBase) throws {
    let model = try base.load().model
    try self.init(base: base, model: model)
  }

  /// With a model already loaded (the audit's).
  public init(base: KnowledgeBase, model: KnowledgeModel) throws {
    let sightings = try IdentitySightings(repository: base.repository, resolver: base.resolver, trailers: base.settings.trailerKeys)
    people = sightings.identities.values.sorted { $0.commits != $1.commits ? $0.commits > $1.commits : $0.key < $1.key }
    suggestions = DuplicatePeople.suggest(sightings, model: model)
  }

  /// Every suggested line, in order, each once.
  public var lines: [String] {
    var seen: Set<String> = []
    return suggestions.flatMap(\.lines).filter { seen.insert($0).inserted }
  }

  /// Appends to the working tree's `.mailmap` (made when missing) those of `lines` it does not
  /// hold yet, and returns them. Nothing is committed: the change is there to review.
  public static func append(_ lines: [String], to repository: Repository) throws -> [String] {
    guard let workdir = repository.workdir else {
      throw TillitError.usage("this repository has no working tree, so there is no .mailmap to write; run tillit people --apply in a clone with one")
    }
    let path = workdir + ".mailmap"
    let existing = FileSystem.exists(path) ? String(decoding: try FileSystem.read(path), as: UTF8.self) : ""
    let present = Set(existing.split(whereSeparator: \.isNewline).map { String($0).trimmingSpaces })
    var seen = present
    let added = lines.filter { seen.insert($0.trimmingSpaces).inserted }
    guard !added.isEmpty else { return [] }
    let separator = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
    try FileSystem.writeAtomically(Array((existing + separator + added.joined(separator: "\n") + "\n").utf8), to: path)
    return added
  }
}
