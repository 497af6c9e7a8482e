import TillitGit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One person's knowledge of one file (or one directory): whether they created it, their
/// changes to it and their reviews of it.
public struct Knowledge: Hashable, Sendable {
  public var person: Int32
  public var created = false
  public var changes = Trace()
  public var reviews = Trace()

  init(person: Int32) { self.person = person }
}

/// What one file's history says about the people who know it.
public struct FileRecord: Hashable, Sendable {
  public var people: [Knowledge] = []
  /// Changes by anyone that gave authorship.
  public var totalChanges: Int32 = 0

  mutating func update(_ person: Int32, _ body: (inout Knowledge) -> Void) {
    if let position = people.firstIndex(where: { $0.person == person }) {
      body(&people[position])
    } else {
      var knowledge = Knowledge(person: person)
      body(&knowledge)
      people.append(knowledge)
    }
  }

  func knowledge(of person: Int32) -> Knowledge? { people.first { $0.person == person } }

  mutating func recordChange(by person: Int32, at time: Int64, created: Bool) {
    totalChanges += 1
    update(person) { knowledge in
      if created { knowledge.created = true }
      knowledge.changes.add(at: time)
    }
  }

  /// Degree of authorship (Fritz et al., as used by Avelino et al.):
  /// 3.293 + 1.098·FA + 0.164·DL − 0.321·ln(1 + AC).
  public func degreeOfAuthorship(_ knowledge: Knowledge) -> Double {
    let own = Double(knowledge.changes.count)
    let others = Double(totalChanges) - own
    return 3.293 + (knowledge.created ? 1.098 : 0) + 0.164 * own - 0.321 * log(1 + max(0, others))
  }

  /// The people who author the file: degree of authorship at least 0.75 of the file's best,
  /// and at least 3.293 or they created it. Only people who changed it can author it.
  public func authors() -> [Int32] {
    let changers = people.filter { $0.changes.count > 0 || $0.created }
    let scores = changers.map(degreeOfAuthorship)
    guard let best = scores.max() else { return [] }
    return zip(changers, scores).compactMap { knowledge, score in
      score >= 0.75 * best && (score >= 3.293 || knowledge.created) ? knowledge.person : nil
    }
  }
}

extension FileRecord {
  /// The people who know the file: its authors, and everyone who has reviewed it.
  public func knowers() -> [Int32] {
    Array(Set(authors() + people.filter { $0.reviews.count > 0 }.map(\.person)))
  }
}

/// Who knows what, from the history (authorship and reviewer trailers) of one line of commits.
public final class KnowledgeModel {
  public internal(set) var people: [Person] = []
  var personIndex: [String: Int32] = [:]
  public internal(set) var files: [RepoPath: FileRecord] = [:]
  /// Activity per folder ("" is the top), for paths with little history of their own.
  public internal(set) var directories: [RepoPath: FileRecord] = [:]
  /// Per author: each reviewer's reviews of that author's changes.
  public internal(set) var familiarity: [[Int32: Trace]] = []
  /// Per person: reviews given anywhere.
  public internal(set) var reviewsGiven: [Trace] = []
  /// Per person: the months they committed or reviewed in.
  public internal(set) var activeMonths: [ActiveMonths] = []
  /// The commit the model is up to date with.
  public internal(set) var head: ObjectID?
  public internal(set) var commitsSeen = 0
  /// The renames the history's commits could not be compared for (a partial clone).
  public internal(set) var missingContent = MissingContentTally()

  public init() {}

  func person(_ identity: PersonResolver.Identity) -> Int32 {
    if let known = personIndex[identity.key] {
      people[Int(known)].name = identity.name
      return known
    }
    let index = Int32(people.count)
    people.append(Person(email: identity.key, name: identity.name))
    personIndex[identity.key] = index
    reviewsGiven.append(Trace())
    activeMonths.append(ActiveMonths())
    familiarity.append([:])
    return index
  }

  public func index(of key: String) -> Int32? { personIndex[key] }

  /// The time of the latest commit or review anyone made; nil before any.
  public var latestActivity: Int64? { people.lazy.map(\.lastActive).max() }

  /// Whether a person committed or reviewed within `settings.inactiveAfter` before `reference`
  /// and has not left.
  func isActive(_ person: Int32, at reference: Int64, settings: KnowledgeSettings, hasLeft: (String) -> Bool) -> Bool {
    let info = people[Int(person)]
    return Double(reference - info.lastActive) <= settings.inactiveAfter && !hasLeft(info.email)
  }

  /// Folds one commit in.
  func apply(_ facts: CommitFacts) {
    commitsSeen += 1
    head = facts.id
    missingContent.add(facts.missing)
    let author = facts.author.map(person)
    let reviewers = facts.reviewers.map(person).filter { $0 != author }
    for change in facts.changes {
      switch change.status {
      case .renamed:
        if let moved = files.removeValue(forKey: change.oldPath) {
          files[change.newPath, default: FileRecord()].absorb(moved)
        }
      case .deleted:
        files.removeValue(forKey: change.newPath)
      default:
        break
      }
    }
    let time = facts.time
    if let author {
      noteActivity(of: author, at: time)
    }
    let counted = facts.changes.compactMap { $0.status != .deleted && facts.counts($0.newPath) ? $0 : nil }
    guard !counted.isEmpty || !reviewers.isEmpty else { return }
    let folders = facts.givesAuthorship ? Self.directories(of: counted.map(\.newPath)) : []
    if let author, facts.givesAuthorship {
      for change in counted {
        let created = change.status == .added || change.status == .copied
        files[change.newPath, default: FileRecord()].recordChange(by: author, at: time, created: created)
      }
      for folder in folders {
        directories[folder, default: FileRecord()].recordChange(by: author, at: time, created: false)
      }
    }
    for reviewer in reviewers {
      noteActivity(of: reviewer, at: time)
      reviewsGiven[Int(reviewer)].add(at: time)
      if let author { familiarity[Int(author)][reviewer, default: Trace()].add(at: time) }
      guard facts.givesAuthorship else { continue }
      for change in counted {
        files[change.newPath, default: FileRecord()].update(reviewer) { $0.reviews.add(at: time) }
      }
      for folder in folders {
        directories[folder, default: FileRecord()].update(reviewer) { $0.reviews.add(at: time) }
      }
    }
  }

  /// A commit or review by `person` at `time`: when they were last active, and in which months.
  private func noteActivity(of person: Int32, at time: Int64) {
    people[Int(person)].lastActive = max(people[Int(person)].lastActive, time)
    activeMonths[Int(person)].add(at: time)
  }

  /// Records a review given outside the history (a ledger `review.feedback`).
  func applyReview(by reviewer: Int32, author: Int32?, paths: [RepoPath], at time: Int64) {
    noteActivity(of: reviewer, at: time)
    reviewsGiven[Int(reviewer)].add(at: time)
    if let author, author != reviewer { familiarity[Int(author)][reviewer, default: Trace()].add(at: time) }
    for path in paths {
      files[path, default: FileRecord()].update(reviewer) { $0.reviews.add(at: time) }
    }
    for directory in Self.directories(of: paths) {
      directories[directory, default: FileRecord()].update(reviewer) { $0.reviews.add(at: time) }
    }
  }

  /// Every folder above the paths, each once, the top folder ("") included.
  static func directories(of paths: [RepoPath]) -> Set<RepoPath> {
    var result: Set<RepoPath> = []
    for path in paths {
      var bytes = path.bytes
      while let slash = bytes.lastIndex(of: UInt8(ascii: "/")) {
        bytes.removeSubrange(slash...)
        if !result.insert(RepoPath(bytes: bytes)).inserted { break }
      }
      result.insert(RepoPath(bytes: []))
    }
    return result
  }

  /// The folder a path is in ("" for the top).
  static func parent(of path: RepoPath) -> RepoPath {
    guard let slash = path.bytes.lastIndex(of: UInt8(ascii: "/")) else { return RepoPath(bytes: []) }
    return RepoPath(bytes: Array(path.bytes[..<slash]))
  }
}

extension FileRecord {
  /// Takes in the knowledge of a file renamed onto this one.
  mutating func absorb(_ other: FileRecord) {
    totalChanges += other.totalChanges
    for knowledge in other.people {
      update(knowledge.person) { mine in
        mine.created = mine.created || knowledge.created
        mine.changes.merge(knowledge.changes)
        mine.reviews.merge(knowledge.reviews)
      }
    }
  }
}
