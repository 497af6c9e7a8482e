import TillitGit
import TillitSystem

/// One person the model counts as several, or one email written under several names, with the
/// evidence and the `.mailmap` lines that would fold them.
public struct PeopleSuggestion: Sendable, Equatable {
  public enum Kind: String, Sendable {
    /// One name under several emails that look like one person: splits their knowledge.
    case sameName = "same-name"
    /// One email under several names: the model already counts one person; only names differ.
    case sameEmail = "same-email"
  }

  public let kind: Kind
  /// The name and email to keep.
  public let name: String
  public let email: String
  /// The emails folded into `email` (none for `sameEmail`).
  public let others: [String]
  public let evidence: [String]
  /// Ready to paste into `.mailmap`.
  public let lines: [String]
}

/// Finds probable duplicates among the identities of a history. The same name under two emails
/// is one person only with more evidence, since two people can share a name: the same local part
/// (keir@a and keir@b), the same domain when no one else uses it (a personal domain), files in
/// common (a fifth of the smaller one's files or more), or one email taking over from the other
/// in time in a folder both worked in. Two people of the same name working at the same time in
/// unrelated folders have none of these and are left apart.
public enum DuplicatePeople {
  public static func suggest(_ sightings: IdentitySightings, model: KnowledgeModel) -> [PeopleSuggestion] {
    let identities = sightings.identities
    var keysByName: [String: Set<String>] = [:]
    for (key, identity) in identities where key.contains("@") && fitsMailmap(key) {
      for name in identity.names.keys where fitsMailmap(name) {
        let normal = normalized(name)
        if !normal.isEmpty && !normal.contains("@") { keysByName[normal, default: []].insert(key) }
      }
    }
    // A name written with dozens of emails ("root", "unknown", a CI account) is no one's own name.
    let candidates = keysByName.values.filter { $0.count > 1 && $0.count <= widestName }
    var work = Work(model: model, keys: candidates.reduce(into: Set<String>()) { $0.formUnion($1) })
    for key in identities.keys { work.usersOfDomain[Work.domain(of: key), default: 0] += 1 }
    var links = UnionFind()
    var evidence: [String: [String]] = [:]
    for group in candidates {
      let keys = group.sorted()
      for (position, a) in keys.enumerated() {
        for b in keys[(position + 1)...] {
          guard let first = identities[a], let second = identities[b], let reasons = work.evidence(first, second) else { continue }
          links.join(a, b)
          evidence[a + " " + b] = reasons
        }
      }
    }
    let sameName = links.components().filter { $0.count > 1 }.compactMap { merge($0, identities: identities, evidence: evidence) }
    let merged = Set(sameName.flatMap { [$0.email] + $0.others })
    let sameEmail = identities.values.filter { !merged.contains($0.key) }.compactMap(renaming)
    return (sameName + sameEmail).sorted { ($0.kind == .sameName ? 0 : 1, $0.name, $0.email) < ($1.kind == .sameName ? 0 : 1, $1.name, $1.email) }
  }

  /// The suggestion that folds a group of linked keys into the one used last.
  static func merge(_ component: [String], identities: [String: IdentitySightings.Identity], evidence: [String: [String]]) -> PeopleSuggestion? {
    let members = component.compactMap { identities[$0] }
    guard let keep = members.max(by: { $0.last != $1.last ? $0.last < $1.last : $0.key > $1.key }) else { return nil }
    var names: [String: Int] = [:]
    for member in members { names.merge(member.names.filter { fitsMailmap($0.key) }, uniquingKeysWith: +) }
    let name = mostUsed(names) ?? keep.name
    let others = component.filter { $0 != keep.key }.sorted()
    var lines = keep.names.count > 1 || keep.name != name ? ["\(name) <\(keep.key)>"] : []
    lines += others.map { "\(name) <\(keep.key)> <\($0)>" }
    let pairs = component.sorted().flatMap { a in component.sorted().map { b in (a, b) } }
    let reasons = pairs.flatMap { a, b in (evidence[a + " " + b] ?? []).map { component.count == 2 ? $0 : "\(a) and \(b): " + $0 } }
    return PeopleSuggestion(kind: .sameName, name: name, email: keep.key, others: others, evidence: reasons, lines: lines)
  }

  /// The suggestion that names one email one way, when it is written several ways.
  static func renaming(_ identity: IdentitySightings.Identity) -> PeopleSuggestion? {
    let (key, name) = (identity.key, identity.name)
    guard key.contains("@"), fitsMailmap(key), fitsMailmap(name), identity.names.count > 1 else { return nil }
    let used = identity.names.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .map { "'\($0.key)' \($0.value) time\($0.value == 1 ? "" : "s")" }.joined(separator: ", ")
    return PeopleSuggestion(kind: .sameEmail, name: name, email: key, others: [], evidence: ["\(key) is written as \(used)"], lines: ["\(name) <\(key)>"])
  }

  /// The most emails one name may have and still be looked at.
  static let widestName = 20

  /// How many emails the suggestions would fold into another: the people counted twice or more.
  public static func duplicates(in suggestions: [PeopleSuggestion]) -> Int {
    suggestions.reduce(0) { $0 + $1.others.count }
  }

  /// Whether a name or email can be written in a `.mailmap` line as it is: no angle brackets,
  /// no control characters, no comment sign.
  static func fitsMailmap(_ text: String) -> Bool {
    !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "<" || $0 == ">" || $0 == "#" }
  }

  /// A name compared without case or extra spaces.
  static func normalized(_ name: String) -> String {
    name.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
  }

  static func mostUsed(_ names: [String: Int]) -> String? {
    names.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
  }

  /// The files each candidate changed or reviewed, and their folders, from the model.
  struct Work {
    var files: [String: Set<RepoPath>] = [:]
    /// How many keys of the whole history use each domain.
    var usersOfDomain: [String: Int] = [:]

    static func domain(of key: String) -> String {
      key.split(separator: "@", omittingEmptySubsequences: false).dropFirst().last.map(String.init) ?? ""
    }

    init(model: KnowledgeModel, keys: Set<String>) {
      var keyOf: [Int32: String] = [:]
      for key in keys { if let index = model.index(of: key) { keyOf[index] = key } }
      guard !keyOf.isEmpty else { return }
      for (path, record) in model.files {
        for knowledge in record.people { if let key = keyOf[knowledge.person] { files[key, default: []].insert(path) } }
      }
    }

    /// Why `a` and `b` look like one person, or nil when nothing says so.
    func evidence(_ a: IdentitySightings.Identity, _ b: IdentitySightings.Identity) -> [String]? {
      var reasons: [String] = []
      let local = (a.key.split(separator: "@").first, b.key.split(separator: "@").first)
      let sameLocal = local.0 != nil && local.0 == local.1 && (local.0?.count ?? 0) >= 2
      if sameLocal { reasons.append("same local part '\(local.0 ?? "")'") }
      let domain = Self.domain(of: a.key)
      let ownDomain = !domain.isEmpty && domain == Self.domain(of: b.key) && usersOfDomain[domain] == 2
      if ownDomain { reasons.append("same domain '\(domain)', which no one else uses") }
      let (filesA, filesB) = (files[a.key] ?? [], files[b.key] ?? [])
      let shared = filesA.intersection(filesB).count
      let smaller = min(filesA.count, filesB.count)
      let manyShared = shared > 0 && shared * 5 >= smaller
      if shared > 0 { reasons.append("\(shared) file\(shared == 1 ? "" : "s") in common (of \(filesA.count) and \(filesB.count))") }
      // Folders below the top: everyone touches the top's README and changelog.
      let folders = { (files: Set<RepoPath>) in Set(files.map(KnowledgeModel.parent(of:)).filter { !$0.bytes.isEmpty }) }
      let sharedFolders = folders(filesA).intersection(folders(filesB)).count
      let (earlier, later) = a.first <= b.first ? (a, b) : (b, a)
      let handover = earlier.last <= later.first
      if handover {
        reasons.append("\(earlier.key) last used \(day(earlier.last)), \(later.key) first used \(day(later.first))")
      } else {
        reasons.append("used in alternation (\(switches(a, b)) switches between \(day(later.first)) and \(day(min(a.last, b.last))))")
      }
      if sharedFolders > 0 { reasons.append("\(sharedFolders) folder\(sharedFolders == 1 ? "" : "s") in common") }
      return sameLocal || ownDomain || manyShared || (handover && sharedFolders > 0) ? reasons : nil
    }

    /// How often the history goes from one key to the other.
    func switches(_ a: IdentitySightings.Identity, _ b: IdentitySightings.Identity) -> Int {
      let merged = (a.times.map { ($0, 0) } + b.times.map { ($0, 1) }).sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
      return zip(merged, merged.dropFirst()).filter { $0.1 != $1.1 }.count
    }

    func day(_ time: Int64) -> String { String(Timestamp.format(seconds: Int(time)).prefix(10)) }
  }
}

/// Groups of keys joined pairwise.
struct UnionFind {
  private var parent: [String: String] = [:]

  mutating func find(_ key: String) -> String {
    var root = parent[key] ?? key
    while let up = parent[root], up != root { root = up }
    parent[key] = root
    return root
  }

  mutating func join(_ a: String, _ b: String) {
    let (rootA, rootB) = (find(a), find(b))
    if rootA != rootB { parent[max(rootA, rootB)] = min(rootA, rootB) }
  }

  mutating func components() -> [[String]] {
    var groups: [String: [String]] = [:]
    for key in Array(parent.keys) { groups[find(key), default: []].append(key) }
    return groups.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
  }
}
