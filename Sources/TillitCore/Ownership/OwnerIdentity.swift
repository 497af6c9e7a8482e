import TillitGit

/// Who an owner named in a claim is, as far as the history and the configuration can tell: an
/// email (through `.mailmap` and `people.aliases`), a name the history knows, or a `@handle`
/// (a GitHub user or team) that only `people.aliases` can turn into a person.
public enum OwnerIdentity: Sendable, Equatable {
  /// A person, by the key the knowledge model knows them by.
  case person(key: String, name: String)
  /// A `@handle` that no `people.aliases` entry maps to an email: shown as written.
  case handle(String)
  /// A name no one in the history goes by.
  case unknownName(String)
  /// An identity the configuration calls a bot.
  case bot(String)

  /// `written` as a claim names it; `model` gives names to keys and keys to names.
  public init(_ written: String, resolver: PersonResolver, model: KnowledgeModel) {
    let text = written.trimmingSpaces
    func person(_ key: String, _ name: String) -> OwnerIdentity {
      .person(key: key, name: model.index(of: key).map { model.people[Int($0)].name } ?? name)
    }
    if text.hasPrefix("@") {
      guard let resolved = resolver.resolve(name: "", email: text) else { self = .bot(written); return }
      self = resolved.key == text.lowercased() ? .handle(written) : person(resolved.key, resolved.key)
    } else if text.contains("@") {
      guard let resolved = resolver.resolve(name: "", email: text) else { self = .bot(written); return }
      self = person(resolved.key, resolved.name)
    } else {
      let wanted = text.lowercased()
      let named = model.people.filter { $0.name.lowercased() == wanted }
      if named.count == 1, let only = named.first {
        self = resolver.resolve(name: only.name, email: only.email) == nil ? .bot(written) : .person(key: only.email, name: only.name)
      } else {
        self = .unknownName(written)
      }
    }
  }

  /// The person's key, when the owner is a person.
  public var key: String? {
    if case .person(let key, _) = self { return key }
    return nil
  }
}
